package dev.eden.agent.exec;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/** Replaces DeferredRef tokens inside every string of a parameter Struct. */
final class DeferredValues {
  private DeferredValues() {}

  static Struct replace(Struct params, Map<String, String> tokens) {
    if (tokens.isEmpty()) {
      return params;
    }
    Struct.Builder b = Struct.newBuilder();
    params.getFieldsMap().forEach((k, v) -> b.putFields(k, replace(v, tokens)));
    return b.build();
  }

  private static Value replace(Value v, Map<String, String> tokens) {
    return switch (v.getKindCase()) {
      case STRING_VALUE ->
          Value.newBuilder().setStringValue(text(v.getStringValue(), tokens)).build();
      case STRUCT_VALUE ->
          Value.newBuilder().setStructValue(replace(v.getStructValue(), tokens)).build();
      case LIST_VALUE -> {
        ListValue.Builder l = ListValue.newBuilder();
        v.getListValue().getValuesList().forEach(item -> l.addValues(replace(item, tokens)));
        yield Value.newBuilder().setListValue(l).build();
      }
      default -> v;
    };
  }

  private static String text(String s, Map<String, String> tokens) {
    String out = s;
    for (Map.Entry<String, String> t : tokens.entrySet()) {
      if (out.contains(t.getKey())) {
        out = out.replace(t.getKey(), t.getValue());
      }
    }
    return out;
  }
}
