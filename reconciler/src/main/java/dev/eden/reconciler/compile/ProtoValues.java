package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.ValueResolver;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Lets templates read protobuf {@link Struct}s (node facts) in place: {@code facts.os.family},
 * {@code {{#each facts.ipv4}}}, without converting every node's facts to Java maps.
 */
public enum ProtoValues implements ValueResolver {
  INSTANCE;

  @Override
  public Object resolve(Object context, String name) {
    if (context instanceof Struct s) {
      Value v = s.getFieldsMap().get(name);
      return v == null ? UNRESOLVED : unwrap(v);
    }
    return UNRESOLVED;
  }

  @Override
  public Object resolve(Object context) {
    return context instanceof Value v ? unwrap(v) : UNRESOLVED;
  }

  @Override
  public Set<Map.Entry<String, Object>> propertySet(Object context) {
    if (!(context instanceof Struct s)) {
      return Set.of();
    }
    Set<Map.Entry<String, Object>> out = new LinkedHashSet<>();
    new TreeMap<>(s.getFieldsMap())
        .forEach((k, v) -> out.add(new AbstractMap.SimpleImmutableEntry<>(k, unwrap(v))));
    return out;
  }

  /** The Java form of {@code v}: String, Long (integral numbers), Double, Boolean, null, ... */
  static Object unwrap(Value v) {
    return switch (v.getKindCase()) {
      case STRING_VALUE -> v.getStringValue();
      case NUMBER_VALUE -> number(v.getNumberValue());
      case BOOL_VALUE -> v.getBoolValue();
      case STRUCT_VALUE -> v.getStructValue();
      case LIST_VALUE -> list(v.getListValue());
      case NULL_VALUE, KIND_NOT_SET -> null;
    };
  }

  private static Object number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
  }

  private static List<Object> list(ListValue l) {
    return new AbstractList<>() {
      @Override
      public Object get(int index) {
        return unwrap(l.getValues(index));
      }

      @Override
      public int size() {
        return l.getValuesCount();
      }
    };
  }
}
