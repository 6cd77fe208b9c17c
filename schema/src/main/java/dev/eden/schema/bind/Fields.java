package dev.eden.schema.bind;

import dev.eden.common.time.Durations;
import dev.eden.schema.lang.Field;
import dev.eden.schema.lang.FieldType;
import dev.eden.schema.lang.FieldType.Obj;
import dev.eden.schema.lang.Part;
import dev.eden.schema.model.Value;
import dev.eden.schema.select.LabelSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a mapping that has already passed the checks of its {@link Part}. Absent fields
 * take the catalog's default, so defaults are written once.
 */
final class Fields {

  private final Value.Map map;
  private final Part part;

  Fields(Value.Map map, Part part) {
    this.map = map;
    this.part = part;
  }

  Value.Map map() {
    return map;
  }

  private Optional<Value> raw(String name) {
    Value v = map.get(name);
    if (v != null) {
      return Optional.of(v);
    }
    Field f = part.field(name).orElseThrow(() -> new IllegalArgumentException(name));
    return f.defaultValue().map(d -> new Value.Scalar(d, map.pos()));
  }

  Optional<String> optText(String name) {
    return raw(name).map(v -> ((Value.Scalar) v).text());
  }

  String text(String name) {
    return optText(name).orElse("");
  }

  boolean bool(String name) {
    return raw(name).map(v -> Boolean.TRUE.equals(((Value.Scalar) v).value())).orElse(false);
  }

  Optional<Integer> optCount(String name) {
    return raw(name).map(v -> ((Number) ((Value.Scalar) v).value()).intValue());
  }

  int count(String name) {
    return optCount(name).orElse(0);
  }

  Optional<Duration> duration(String name) {
    return optText(name).flatMap(Durations::parse);
  }

  Optional<LabelSelector> selector(String name) {
    return optText(name).map(LabelSelector::parse);
  }

  <E extends Enum<E>> E choice(String name, Class<E> type) {
    String text = text(name);
    for (E e : type.getEnumConstants()) {
      if (FieldType.Choice.wireName(e, false).equalsIgnoreCase(text)) {
        return e;
      }
    }
    throw new IllegalStateException("unchecked " + name + ": " + text);
  }

  List<String> texts(String name) {
    List<String> out = new ArrayList<>();
    raw(name)
        .ifPresent(v -> ((Value.Seq) v).items().forEach(i -> out.add(((Value.Scalar) i).text())));
    return out;
  }

  Map<String, String> textMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    raw(name)
        .ifPresent(
            v ->
                ((Value.Map) v).entries().forEach((k, x) -> out.put(k, ((Value.Scalar) x).text())));
    return out;
  }

  Optional<Value.Map> freeMap(String name) {
    return raw(name).map(Value.Map.class::cast);
  }

  Optional<Fields> part(String name) {
    Part sub = ((Obj) part.field(name).orElseThrow().type()).part();
    return raw(name).map(v -> new Fields((Value.Map) v, sub));
  }

  List<Fields> parts(String name) {
    FieldType item = ((FieldType.ListOf) part.field(name).orElseThrow().type()).item();
    Part sub = ((Obj) item).part();
    List<Fields> out = new ArrayList<>();
    raw(name)
        .ifPresent(
            v -> ((Value.Seq) v).items().forEach(i -> out.add(new Fields((Value.Map) i, sub))));
    return out;
  }
}
