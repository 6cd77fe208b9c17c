package dev.eden.agent.cond;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a condition sees: {@code node} ({@code name}, {@code labels}), {@code facts}, {@code vars},
 * {@code outputs} (step name → output) and {@code event} (the events that made a Trigger run the
 * TaskBook; empty otherwise). Values are CEL's: strings, booleans, longs, doubles, lists and maps.
 */
public record ConditionBindings(
    String node,
    Map<String, String> labels,
    Map<String, Object> facts,
    Map<String, Object> vars,
    Map<String, String> outputs,
    Map<String, Object> event) {

  public ConditionBindings {
    labels = Map.copyOf(labels);
    facts = Map.copyOf(facts);
    vars = Map.copyOf(vars);
    outputs = Map.copyOf(outputs);
    event = Map.copyOf(event);
  }

  /** Bindings with no event. */
  public ConditionBindings(
      String node,
      Map<String, String> labels,
      Map<String, Object> facts,
      Map<String, Object> vars,
      Map<String, String> outputs) {
    this(node, labels, facts, vars, outputs, Map.of());
  }

  /** The variables handed to CEL. */
  Map<String, Object> variables() {
    return Map.of(
        "node", Map.of("name", node, "labels", labels),
        "facts", normalize(facts),
        "vars", normalize(vars),
        "outputs", outputs,
        "event", normalize(event));
  }

  /** A protobuf Struct (facts, vars) as CEL values; numbers become doubles. */
  public static Map<String, Object> of(Struct struct) {
    Map<String, Object> out = new LinkedHashMap<>();
    struct.getFieldsMap().forEach((k, v) -> out.put(k, of(v)));
    return out;
  }

  private static Object of(Value value) {
    return switch (value.getKindCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case NUMBER_VALUE -> value.getNumberValue();
      case STRUCT_VALUE -> of(value.getStructValue());
      case LIST_VALUE ->
          value.getListValue().getValuesList().stream().map(ConditionBindings::of).toList();
      default -> com.google.protobuf.NullValue.NULL_VALUE;
    };
  }

  /** Integers become longs (CEL's int) so that Java callers may pass ints. */
  private static Object normalize(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, normalize(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConditionBindings::normalize).toList();
    }
    return value;
  }
}
