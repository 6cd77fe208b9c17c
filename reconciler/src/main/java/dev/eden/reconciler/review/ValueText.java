package dev.eden.reconciler.review;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan parameter as one reads it: strings as they are, numbers without a needless {@code .0},
 * lists and maps in a compact flow style ({@code [a, b]}, {@code {k: v}}), keys sorted.
 */
final class ValueText {

  private ValueText() {}

  static String of(Value v) {
    return switch (v.getKindCase()) {
      case STRING_VALUE -> v.getStringValue();
      case NUMBER_VALUE -> number(v.getNumberValue());
      case BOOL_VALUE -> String.valueOf(v.getBoolValue());
      case LIST_VALUE -> list(v.getListValue());
      case STRUCT_VALUE -> struct(v.getStructValue());
      case NULL_VALUE, KIND_NOT_SET -> "null";
    };
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String list(ListValue l) {
    List<String> items = new ArrayList<>();
    l.getValuesList().forEach(i -> items.add(nested(i)));
    return "[" + String.join(", ", items) + "]";
  }

  private static String struct(Struct s) {
    List<String> items = new ArrayList<>();
    new TreeMap<>(s.getFieldsMap()).forEach((k, val) -> items.add(k + ": " + nested(val)));
    return "{" + String.join(", ", items) + "}";
  }

  private static String nested(Value v) {
    String text = of(v);
    return v.hasStringValue() && (text.contains(",") || text.contains("\n") || text.isEmpty())
        ? '"' + text.replace("\n", "\\n") + '"'
        : text;
  }

  /** Sorted copy of a struct's fields (plans keep insertion order; diffs should not care). */
  static Map<String, Value> sorted(Struct s) {
    return new TreeMap<>(s.getFieldsMap());
  }
}
