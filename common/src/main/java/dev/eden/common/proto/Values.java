package dev.eden.common.proto;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;

/**
 * Plain Java values, as YAML loads them (maps, lists, strings, numbers, booleans, null), as
 * protobuf {@link Value}s: node facts on the agent, parameters and event contexts on the
 * reconciler. Anything else is written as its {@code toString()}.
 */
public final class Values {

  private Values() {}

  /** {@code plain} as a protobuf value; numbers become doubles, as JSON has them. */
  public static Value of(Object plain) {
    if (plain == null) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    if (plain instanceof String s) {
      return Value.newBuilder().setStringValue(s).build();
    }
    if (plain instanceof Boolean b) {
      return Value.newBuilder().setBoolValue(b).build();
    }
    if (plain instanceof Number n) {
      return Value.newBuilder().setNumberValue(n.doubleValue()).build();
    }
    if (plain instanceof Map<?, ?> m) {
      return Value.newBuilder().setStructValue(struct(m)).build();
    }
    if (plain instanceof Iterable<?> items) {
      ListValue.Builder list = ListValue.newBuilder();
      items.forEach(item -> list.addValues(of(item)));
      return Value.newBuilder().setListValue(list).build();
    }
    return Value.newBuilder().setStringValue(plain.toString()).build();
  }

  /** A plain map as a protobuf Struct; keys are written with {@code String.valueOf}. */
  public static Struct struct(Map<?, ?> plain) {
    Struct.Builder struct = Struct.newBuilder();
    plain.forEach((k, v) -> struct.putFields(String.valueOf(k), of(v)));
    return struct.build();
  }
}
