package dev.eden.schema.validate;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.lang.ActionCatalog;
import dev.eden.schema.lang.ActionCatalog.ActionDef;
import dev.eden.schema.lang.Field;
import dev.eden.schema.lang.NearNames;
import dev.eden.schema.model.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks an action's parameters against {@link ActionCatalog}: unknown parameters, missing required
 * ones, "exactly one of" groups, types of values that are not templates, templates that do not
 * parse and template files that do not exist.
 */
final class ActionChecker {

  private final String file;
  private final ShapeChecker shapes;
  private final TemplateChecker templates;
  private final List<Diagnostic> out;

  ActionChecker(String file, ShapeChecker shapes, TemplateChecker templates, List<Diagnostic> out) {
    this.file = file;
    this.shapes = shapes;
    this.templates = templates;
    this.out = out;
  }

  /**
   * Checks the {@code action} and {@code parameters} of a step, when the action is known and the
   * parameters are a mapping; other problems are the ShapeChecker's.
   */
  void check(Value.Map step) {
    check(step, ActionCatalog::find);
  }

  /**
   * As {@link #check}, for a beacon's check, which may also be {@code http.get} or {@code
   * expression}.
   */
  void checkBeaconCheck(Value.Map check) {
    check(check, ActionCatalog::findCheck);
  }

  private void check(Value.Map owner, Function<String, Optional<ActionDef>> lookup) {
    if (!(owner.get("action") instanceof Value.Scalar a)) {
      return;
    }
    Optional<ActionDef> def = lookup.apply(a.text());
    Value params = owner.get("parameters");
    if (def.isEmpty() || (params != null && !(params instanceof Value.Map))) {
      return;
    }
    Value.Map map = params == null ? Value.Map.empty(owner.pos()) : (Value.Map) params;
    SourcePos anchor = owner.keyPos("parameters");
    checkNames(def.get(), map, anchor);
    checkOneOf(def.get(), map, anchor);
    checkValues(def.get(), map);
  }

  private void checkNames(ActionDef def, Value.Map params, SourcePos anchor) {
    for (String key : params.entries().keySet()) {
      if (def.parameter(key).isEmpty()) {
        out.add(
            new Diagnostic(
                params.keyPos(key),
                "unknown parameter '"
                    + key
                    + "' for action "
                    + def.name()
                    + NearNames.hint(key, def.parameterNames())
                    + "; expected one of "
                    + String.join(", ", def.parameterNames())));
      }
    }
    for (Field f : def.parameters()) {
      if (f.required() && !params.entries().containsKey(f.name())) {
        out.add(
            new Diagnostic(
                anchor, "missing required parameter '" + f.name() + "' for action " + def.name()));
      }
    }
  }

  private void checkOneOf(ActionDef def, Value.Map params, SourcePos anchor) {
    for (List<String> group : def.exactlyOneOf()) {
      List<String> present = group.stream().filter(params.entries()::containsKey).toList();
      String names = "'" + String.join("', '", group) + "'";
      if (present.isEmpty()) {
        out.add(new Diagnostic(anchor, "action " + def.name() + " needs exactly one of " + names));
      } else if (present.size() > 1) {
        SourcePos second = params.keyPos(present.get(1));
        out.add(
            new Diagnostic(
                second,
                "action "
                    + def.name()
                    + " takes exactly one of "
                    + names
                    + ", found '"
                    + present.get(0)
                    + "' and '"
                    + present.get(1)
                    + "'"));
      }
    }
  }

  private void checkValues(ActionDef def, Value.Map params) {
    for (Map.Entry<String, Value> e : params.entries().entrySet()) {
      Optional<Field> f = def.parameter(e.getKey());
      Value v = e.getValue();
      boolean templated =
          v instanceof Value.Scalar s
              && s.value() instanceof String t
              && TemplateChecker.isTemplate(t);
      if (f.isPresent() && !templated) {
        shapes.check(v, f.get().type(), e.getKey());
      }
      if (e.getKey().equals("template")
          && def.name().equals("file.managed")
          && v instanceof Value.Scalar s
          && s.value() instanceof String) {
        templates.checkFile(file, s);
      } else {
        templates.checkInline(v);
      }
    }
  }
}
