package dev.eden.schema.jsonschema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes plain Java values (maps, lists, strings, numbers, booleans, null) as indented JSON. Keys
 * of a {@link LinkedHashMap} keep their order; keys of any other map are sorted, so the output is
 * the same on every run.
 */
final class JsonText {

  private final StringBuilder out = new StringBuilder();

  private JsonText() {}

  /** An object with keys in the order given: {@code obj("type", "string", "minimum", 1)}. */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  static String write(Object value) {
    JsonText w = new JsonText();
    w.value(value, 0);
    return w.out.append('\n').toString();
  }

  private void value(Object v, int indent) {
    if (v instanceof Map<?, ?> m) {
      object(m, indent);
    } else if (v instanceof List<?> l) {
      array(l, indent);
    } else if (v instanceof String s) {
      string(s);
    } else {
      out.append(v); // Number, Boolean or null
    }
  }

  private void object(Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    int i = 0;
    Map<?, ?> ordered = m instanceof LinkedHashMap<?, ?> ? m : new TreeMap<>(m);
    for (Map.Entry<?, ?> e : ordered.entrySet()) {
      pad(indent + 1);
      string(e.getKey().toString());
      out.append(": ");
      value(e.getValue(), indent + 1);
      out.append(++i < m.size() ? ",\n" : "\n");
    }
    pad(indent);
    out.append('}');
  }

  private void array(List<?> l, int indent) {
    if (l.stream().allMatch(x -> x instanceof String || x instanceof Number)) {
      out.append('[');
      for (int i = 0; i < l.size(); i++) {
        value(l.get(i), indent);
        out.append(i + 1 < l.size() ? ", " : "");
      }
      out.append(']');
      return;
    }
    out.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      pad(indent + 1);
      value(l.get(i), indent + 1);
      out.append(i + 1 < l.size() ? ",\n" : "\n");
    }
    pad(indent);
    out.append(']');
  }

  private void string(String s) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private void pad(int indent) {
    out.append("  ".repeat(indent));
  }
}
