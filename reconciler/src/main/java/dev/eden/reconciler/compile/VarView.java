package dev.eden.reconciler.compile;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The merged variables as templates see them while combined values render: every value read goes
 * through {@code reader} with its path ({@code a.b}, {@code list[0]}), which renders a combined
 * value first and notes what each one read. Maps and lists below are views too.
 */
final class VarView extends AbstractMap<String, Object> {

  /** Sees each value read: its path and its merged (unrendered) value; returns what to use. */
  @FunctionalInterface
  interface Reader {
    Object read(String path, Object raw);
  }

  private final Map<String, Object> map;
  private final String path;
  private final Reader reader;

  VarView(Map<String, Object> map, String path, Reader reader) {
    this.map = map;
    this.path = path;
    this.reader = reader;
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** {@code a.b[0].c} as {@code [a, b, [0], c]}. */
  static List<String> parts(String path) {
    List<String> out = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (c == '.' || c == '[') {
        if (part.length() > 0) {
          out.add(part.toString());
        }
        part.setLength(0);
      }
      if (c != '.') {
        part.append(c);
      }
      if (c == ']') {
        out.add(part.toString());
        part.setLength(0);
      }
    }
    if (part.length() > 0) {
      out.add(part.toString());
    }
    return out;
  }

  @Override
  public Object get(Object key) {
    if (!(key instanceof String k) || !map.containsKey(k)) {
      return null;
    }
    return wrap(map.get(k), child(path, k), reader);
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Set<Entry<String, Object>> out = new LinkedHashSet<>();
    for (String k : map.keySet()) {
      out.add(new SimpleImmutableEntry<>(k, get(k)));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object wrap(Object value, String path, Reader reader) {
    if (value instanceof Map<?, ?> m) {
      return new VarView((Map<String, Object>) m, path, reader);
    }
    if (value instanceof List<?> l) {
      return new ListView(l, path, reader);
    }
    return reader.read(path, value);
  }

  /** A list of the merged variables, as {@link VarView} is for a map. */
  private static final class ListView extends AbstractList<Object> {
    private final List<?> list;
    private final String path;
    private final Reader reader;

    ListView(List<?> list, String path, Reader reader) {
      this.list = list;
      this.path = path;
      this.reader = reader;
    }

    @Override
    public Object get(int index) {
      return wrap(list.get(index), path + "[" + index + "]", reader);
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
