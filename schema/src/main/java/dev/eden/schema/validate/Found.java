package dev.eden.schema.validate;

import dev.eden.schema.model.Value;

/** How a value reads in "found …" parts of messages. */
final class Found {

  private Found() {}

  static String describe(Value v) {
    if (v instanceof Value.Map) {
      return "a mapping";
    }
    if (v instanceof Value.Seq) {
      return "a list";
    }
    return scalar(((Value.Scalar) v).value());
  }

  private static String scalar(Object value) {
    if (value == null) {
      return "nothing (null)";
    }
    if (value instanceof String s) {
      return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    return value.toString();
  }
}
