package dev.eden.schema.validate;

import dev.eden.common.time.Durations;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.lang.CronSchedule;
import dev.eden.schema.lang.Field;
import dev.eden.schema.lang.FieldType;
import dev.eden.schema.lang.NearNames;
import dev.eden.schema.lang.ObjectNames;
import dev.eden.schema.lang.Part;
import dev.eden.schema.model.Value;
import dev.eden.schema.select.LabelSelector;
import dev.eden.schema.select.SelectorSyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a positioned value against the {@link dev.eden.schema.lang.Catalog}: unknown fields (with
 * "did you mean"), missing required fields, types, enum words, durations, counts, selectors, cron
 * expressions, time zones and names. Every problem is added to the sink; nothing throws.
 */
public final class ShapeChecker {

  private final List<Diagnostic> out;

  public ShapeChecker(List<Diagnostic> out) {
    this.out = out;
  }

  /**
   * Checks {@code map} as {@code part}; true when it has no problem. Missing fields are reported at
   * {@code anchor}: the key whose value {@code map} is (as editors do), or the mapping itself for a
   * document or a list item.
   */
  public boolean checkPart(Value.Map map, Part part, SourcePos anchor) {
    boolean ok = true;
    for (Map.Entry<String, Value> e : map.entries().entrySet()) {
      Optional<Field> field = part.field(e.getKey());
      if (field.isEmpty()) {
        ok = false;
        out.add(
            new Diagnostic(
                map.keyPos(e.getKey()),
                "unknown field '"
                    + e.getKey()
                    + "' in "
                    + part.title()
                    + NearNames.hint(e.getKey(), part.fieldNames())));
      } else {
        ok &= check(e.getValue(), field.get().type(), e.getKey(), map.keyPos(e.getKey()));
      }
    }
    for (Field f : part.fields()) {
      if (f.required() && !map.entries().containsKey(f.name())) {
        ok = false;
        out.add(
            new Diagnostic(anchor, "missing required field '" + f.name() + "' in " + part.title()));
      }
    }
    for (List<String> group : part.atLeastOneOf()) {
      if (group.stream().noneMatch(map.entries()::containsKey)) {
        ok = false;
        out.add(
            new Diagnostic(
                anchor,
                part.title() + " needs at least one of '" + String.join("', '", group) + "'"));
      }
    }
    for (List<String> group : part.exactlyOneOf()) {
      ok &= exactlyOne(map, part, group, anchor);
    }
    return ok;
  }

  private boolean exactlyOne(Value.Map map, Part part, List<String> group, SourcePos anchor) {
    List<String> present = group.stream().filter(map.entries()::containsKey).toList();
    String names = "'" + String.join("', '", group) + "'";
    if (present.isEmpty()) {
      out.add(new Diagnostic(anchor, part.title() + " needs one of " + names));
      return false;
    }
    if (present.size() > 1) {
      out.add(
          new Diagnostic(
              map.keyPos(present.get(1)),
              part.title()
                  + " takes one of "
                  + names
                  + ", found both '"
                  + present.get(0)
                  + "' (at "
                  + map.keyPos(present.get(0))
                  + ") and '"
                  + present.get(1)
                  + "'; keep one"));
      return false;
    }
    return true;
  }

  /** Checks that {@code v} is of {@code type}; {@code name} names it in messages. */
  public boolean check(Value v, FieldType type, String name) {
    return check(v, type, name, v.pos());
  }

  /** As {@link #check(Value, FieldType, String)}; {@code anchor} is where {@code v}'s key is. */
  public boolean check(Value v, FieldType type, String name, SourcePos anchor) {
    if (type instanceof FieldType.Obj o) {
      return v instanceof Value.Map m ? checkPart(m, o.part(), anchor) : wrongType(v, type, name);
    }
    if (type instanceof FieldType.FreeMap) {
      return v instanceof Value.Map || wrongType(v, type, name);
    }
    if (type instanceof FieldType.ListOf l) {
      return v instanceof Value.Seq s ? checkItems(s, l.item(), name) : wrongType(v, type, name);
    }
    if (type instanceof FieldType.MapOf mo) {
      return v instanceof Value.Map m ? checkValues(m, mo.value()) : wrongType(v, type, name);
    }
    if (!(v instanceof Value.Scalar s) || s.value() == null) {
      return wrongType(v, type, name);
    }
    return new ScalarChecks(s, name).check(type);
  }

  private boolean checkItems(Value.Seq seq, FieldType item, String name) {
    boolean ok = true;
    for (int i = 0; i < seq.items().size(); i++) {
      ok &= check(seq.items().get(i), item, name + "[" + i + "]");
    }
    return ok;
  }

  private boolean checkValues(Value.Map map, FieldType value) {
    boolean ok = true;
    for (Map.Entry<String, Value> e : map.entries().entrySet()) {
      ok &= check(e.getValue(), value, e.getKey());
    }
    return ok;
  }

  private boolean wrongType(Value v, FieldType type, String name) {
    return fail(v, "'" + name + "' must be " + type.describe() + ", found " + Found.describe(v));
  }

  private boolean fail(Value v, String message) {
    out.add(new Diagnostic(v.pos(), message));
    return false;
  }

  /** The checks of one non-null scalar. */
  private final class ScalarChecks {
    private final Value.Scalar s;
    private final String name;

    ScalarChecks(Value.Scalar s, String name) {
      this.s = s;
      this.name = name;
    }

    boolean check(FieldType type) {
      if (type instanceof FieldType.Text) {
        return true;
      }
      if (type instanceof FieldType.Bool) {
        return s.value() instanceof Boolean || wrongType(s, type, name);
      }
      if (type instanceof FieldType.Count c) {
        return count(c);
      }
      if (type instanceof FieldType.Choice c) {
        return choice(c);
      }
      if (type instanceof FieldType.DurationText d) {
        return duration(d);
      }
      if (type instanceof FieldType.Selector) {
        return selector(s.text());
      }
      if (type instanceof FieldType.EmittersOrSelector) {
        return s.text().equals("emitters") || selector(s.text());
      }
      return text(type);
    }

    private boolean text(FieldType type) {
      String text = s.text();
      if (type instanceof FieldType.Cron) {
        return CronSchedule.problem(text)
            .map(p -> fail(s, "bad cron schedule \"" + text + "\": " + p))
            .orElse(true);
      }
      if (type instanceof FieldType.TimeZone) {
        return timeZone(text);
      }
      FieldType.ObjectName n = (FieldType.ObjectName) type;
      Optional<String> problem =
          n.label() ? ObjectNames.namespaceProblem(text) : ObjectNames.nameProblem(text);
      return problem.map(p -> fail(s, "invalid " + name + " \"" + text + "\": " + p)).orElse(true);
    }

    private boolean count(FieldType.Count c) {
      if (!(s.value() instanceof Long n)) {
        return wrongType(s, c, name);
      }
      return n >= c.min() && n <= Integer.MAX_VALUE || wrongType(s, c, name);
    }

    private boolean choice(FieldType.Choice c) {
      String text = s.text();
      if (c.values().contains(text)) {
        return true;
      }
      return fail(
          s,
          "unknown "
              + c.what()
              + " '"
              + text
              + "'"
              + NearNames.hint(text, c.values())
              + "; expected "
              + c.describe());
    }

    private boolean duration(FieldType.DurationText d) {
      String text = s.text();
      Optional<java.time.Duration> parsed = Durations.parse(text);
      if (parsed.isEmpty()) {
        return fail(s, "bad duration '" + text + "' for '" + name + "': expected " + d.describe());
      }
      return !d.positive()
          || !parsed.get().isZero()
          || fail(s, "'" + name + "' must be longer than 0");
    }

    private boolean selector(String text) {
      try {
        LabelSelector.parse(text);
        return true;
      } catch (SelectorSyntaxException e) {
        out.add(
            new Diagnostic(
                s.posAt(e.offset()), "bad selector \"" + text + "\": " + e.getMessage()));
        return false;
      }
    }

    private boolean timeZone(String text) {
      try {
        ZoneId.of(text);
        return true;
      } catch (DateTimeException e) {
        return fail(
            s,
            "unknown time zone '"
                + text
                + "'"
                + NearNames.hint(text, ZoneId.getAvailableZoneIds()));
      }
    }
  }
}
