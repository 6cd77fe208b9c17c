package dev.eden.agent.coord;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * Run-time values that stand in a step's parameters as the tokens of its {@code DeferredRef}s, and
 * the substitution of those tokens in every string of the parameters.
 */
public record DeferredValues(Map<String, String> byToken) {

  public DeferredValues {
    byToken = Map.copyOf(byToken);
  }

  public Struct applyTo(Struct parameters) {
    if (byToken.isEmpty()) {
      return parameters;
    }
    Struct.Builder out = Struct.newBuilder();
    parameters.getFieldsMap().forEach((k, v) -> out.putFields(k, applyTo(v)));
    return out.build();
  }

  private Value applyTo(Value value) {
    return switch (value.getKindCase()) {
      case STRING_VALUE ->
          Value.newBuilder().setStringValue(replace(value.getStringValue())).build();
      case STRUCT_VALUE ->
          Value.newBuilder().setStructValue(applyTo(value.getStructValue())).build();
      case LIST_VALUE -> {
        ListValue.Builder list = ListValue.newBuilder();
        value.getListValue().getValuesList().forEach(v -> list.addValues(applyTo(v)));
        yield Value.newBuilder().setListValue(list).build();
      }
      default -> value;
    };
  }

  private String replace(String text) {
    String out = text;
    for (Map.Entry<String, String> e : byToken.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  @Override
  public String toString() {
    return "DeferredValues" + byToken.keySet();
  }
}
