package dev.eden.agent.facts;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import java.util.Map;

/** Plain Java values (as YAML loads them) as protobuf {@link Value}s. */
public final class FactValues {
  private FactValues() {}

  public static Value of(Object o) {
    if (o == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (o instanceof Boolean b) {
      return Value.newBuilder().setBoolValue(b).build();
    }
    if (o instanceof Number n) {
      return Value.newBuilder().setNumberValue(n.doubleValue()).build();
    }
    if (o instanceof Map<?, ?> m) {
      return Value.newBuilder().setStructValue(struct(m)).build();
    }
    if (o instanceof List<?> l) {
      ListValue.Builder b = ListValue.newBuilder();
      l.forEach(item -> b.addValues(of(item)));
      return Value.newBuilder().setListValue(b).build();
    }
    return Value.newBuilder().setStringValue(o.toString()).build();
  }

  public static Struct struct(Map<?, ?> m) {
    Struct.Builder b = Struct.newBuilder();
    m.forEach((k, v) -> b.putFields(String.valueOf(k), of(v)));
    return b.build();
  }
}
