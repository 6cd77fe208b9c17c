package dev.eden.agent.action;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.common.time.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A step's parameters with typed getters; every error names the action and the parameter. */
public final class Params {
  private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");
  private final String action;
  private final Map<String, Value> fields;

  public Params(String action, Struct struct) {
    this.action = action;
    this.fields = struct.getFieldsMap();
  }

  /** Fails when a parameter is not one of {@code allowed}. */
  public void allowOnly(Set<String> allowed) {
    for (String key : fields.keySet()) {
      if (!allowed.contains(key)) {
        throw bad("unknown parameter '" + key + "' (allowed: " + new TreeSet<>(allowed) + ")");
      }
    }
  }

  public boolean has(String name) {
    Value v = fields.get(name);
    return v != null && v.getKindCase() != Value.KindCase.NULL_VALUE;
  }

  public String string(String name) {
    return optString(name).orElseThrow(() -> bad("missing parameter '" + name + "'"));
  }

  public Optional<String> optString(String name) {
    if (!has(name)) {
      return Optional.empty();
    }
    Value v = fields.get(name);
    return switch (v.getKindCase()) {
      case STRING_VALUE -> Optional.of(v.getStringValue());
      case NUMBER_VALUE -> Optional.of(number(v.getNumberValue()));
      case BOOL_VALUE -> Optional.of(Boolean.toString(v.getBoolValue()));
      default -> throw bad("parameter '" + name + "' must be a string");
    };
  }

  public boolean bool(String name, boolean otherwise) {
    if (!has(name)) {
      return otherwise;
    }
    Value v = fields.get(name);
    if (v.getKindCase() == Value.KindCase.BOOL_VALUE) {
      return v.getBoolValue();
    }
    if (v.getKindCase() == Value.KindCase.STRING_VALUE) {
      String s = v.getStringValue();
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
    }
    throw bad("parameter '" + name + "' must be true or false");
  }

  /** A list of strings; a single string counts as a list of one. */
  public List<String> strings(String name) {
    if (!has(name)) {
      return List.of();
    }
    Value v = fields.get(name);
    if (v.getKindCase() != Value.KindCase.LIST_VALUE) {
      return List.of(optString(name).orElseThrow());
    }
    List<String> out = new ArrayList<>();
    for (Value item : v.getListValue().getValuesList()) {
      switch (item.getKindCase()) {
        case STRING_VALUE -> out.add(item.getStringValue());
        case NUMBER_VALUE -> out.add(number(item.getNumberValue()));
        default -> throw bad("parameter '" + name + "' must be a list of strings");
      }
    }
    return out;
  }

  public Map<String, String> stringMap(String name) {
    if (!has(name)) {
      return Map.of();
    }
    Value v = fields.get(name);
    if (v.getKindCase() != Value.KindCase.STRUCT_VALUE) {
      throw bad("parameter '" + name + "' must be a map of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    v.getStructValue()
        .getFieldsMap()
        .forEach(
            (k, item) ->
                out.put(
                    k,
                    switch (item.getKindCase()) {
                      case STRING_VALUE -> item.getStringValue();
                      case NUMBER_VALUE -> number(item.getNumberValue());
                      case BOOL_VALUE -> Boolean.toString(item.getBoolValue());
                      default -> throw bad("parameter '" + name + "." + k + "' must be a string");
                    }));
    return out;
  }

  /** An octal file mode such as "0644" or "755" (a YAML number 644 reads as octal too). */
  public Optional<Integer> mode(String name) {
    Optional<String> s = optString(name);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    String text = s.get();
    if (!MODE.matcher(text).matches()) {
      throw bad("parameter '" + name + "' must be an octal mode like \"0644\", not '" + text + "'");
    }
    int mode = Integer.parseInt(text, 8);
    if (mode > 0777) {
      throw bad("parameter '" + name + "': setuid, setgid and sticky bits are not supported");
    }
    return Optional.of(mode);
  }

  /** A duration in the manifests' syntax ({@link Durations}): "250ms", "30s", "1h30m". */
  public Optional<Duration> duration(String name) {
    return optString(name)
        .map(
            text ->
                Durations.parse(text)
                    .orElseThrow(
                        () ->
                            bad(
                                "parameter '"
                                    + name
                                    + "' must be a duration like \"30s\", not '"
                                    + text
                                    + "'")));
  }

  public BadParameterException bad(String message) {
    return new BadParameterException(action + ": " + message);
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
