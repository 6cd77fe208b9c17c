package dev.eden.reconciler.compile;

import com.google.protobuf.Struct;
import dev.eden.schema.model.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Resolves a step's {@code forEach} path in the template context and lists its items. */
final class ForEach {

  /** One expansion: {@code key} is the list index or the map key. */
  record Item(String key, int index, Object value) {}

  private ForEach() {}

  static List<Item> items(Map<String, Object> root, Value.Scalar path) {
    Object at = root;
    String text = path.text().trim();
    for (String segment : text.split("\\.")) {
      at = step(at, segment);
      if (at == null) {
        throw new CompileError(path.pos(), "forEach: " + text + " does not exist");
      }
    }
    List<Item> items = new ArrayList<>();
    if (at instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        items.add(new Item(Integer.toString(i), i, list.get(i)));
      }
    } else if (at instanceof Map<?, ?> map) {
      map.forEach((k, v) -> items.add(new Item(String.valueOf(k), items.size(), v)));
    } else if (at instanceof Struct s) {
      new TreeMap<>(s.getFieldsMap())
          .forEach((k, v) -> items.add(new Item(k, items.size(), ProtoValues.unwrap(v))));
    } else {
      throw new CompileError(
          path.pos(), "forEach: " + text + " is " + describe(at) + ", not a list or a map");
    }
    return items;
  }

  private static Object step(Object at, String segment) {
    if (at instanceof Map<?, ?> m) {
      return m.get(segment);
    }
    if (at instanceof Struct s) {
      com.google.protobuf.Value v = s.getFieldsMap().get(segment);
      return v == null ? null : ProtoValues.unwrap(v);
    }
    if (at instanceof List<?> l
        && segment.chars().allMatch(Character::isDigit)
        && !segment.isEmpty()) {
      int i = Integer.parseInt(segment);
      return i < l.size() ? l.get(i) : null;
    }
    return null;
  }

  private static String describe(Object v) {
    return v instanceof String s
        ? "the string \"" + s + "\""
        : "a " + v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
