package dev.eden.schema.model;

import dev.eden.schema.SourcePos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written. Free-form parts of the manifest language (step
 * parameters, variables) keep this shape so that the compiler can point at the exact line and
 * column of a bad template.
 */
public sealed interface Value permits Value.Scalar, Value.Seq, Value.Map {

  SourcePos pos();

  /** The plain Java form: String, Long, Double, Boolean, null, List and LinkedHashMap. */
  Object toPlain();

  /**
   * A string, number, boolean or null. {@code value} is a String, Long, Double, Boolean or null.
   * {@code textColumn} is the 1-based column of the first character of the text when the source
   * maps onto it character by character on one line, else 0 (see {@link #posAt}).
   */
  record Scalar(Object value, SourcePos pos, int textColumn) implements Value {

    /** A scalar whose source text does not map onto its value character by character. */
    public Scalar(Object value, SourcePos pos) {
      this(value, pos, 0);
    }

    /**
     * Where the character at {@code offset} of {@link #text()} was written. Exact when the scalar
     * sits on one line and its source maps onto its text character by character (plain, or quoted
     * without escapes: {@code textColumn > 0}); otherwise the scalar's own position.
     */
    public SourcePos posAt(int offset) {
      if (textColumn <= 0 || offset < 0) {
        return pos;
      }
      return new SourcePos(pos.file(), pos.line(), textColumn + offset);
    }

    @Override
    public Object toPlain() {
      return value;
    }

    /** Equal when value and position are; {@code textColumn} is layout detail. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Scalar other
          && java.util.Objects.equals(value, other.value)
          && pos.equals(other.pos);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(value, pos);
    }

    /** The value as text, as a template would print it. */
    public String text() {
      return value == null ? "" : value.toString();
    }
  }

  /** A YAML sequence. */
  record Seq(List<Value> items, SourcePos pos) implements Value {
    public Seq {
      items = List.copyOf(items);
    }

    @Override
    public Object toPlain() {
      List<Object> out = new ArrayList<>(items.size());
      for (Value v : items) {
        out.add(v.toPlain());
      }
      return Collections.unmodifiableList(out);
    }
  }

  /** A YAML mapping with string keys, in source order; {@code keys} holds each key's position. */
  record Map(
      java.util.Map<String, Value> entries, java.util.Map<String, SourcePos> keys, SourcePos pos)
      implements Value {
    public Map {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** An empty mapping at {@code pos}. */
    public static Map empty(SourcePos pos) {
      return new Map(java.util.Map.of(), java.util.Map.of(), pos);
    }

    public Value get(String key) {
      return entries.get(key);
    }

    /** Where {@code key} was written, or the mapping's own position. */
    public SourcePos keyPos(String key) {
      return keys.getOrDefault(key, pos);
    }

    @Override
    public Object toPlain() {
      java.util.Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.toPlain()));
      return Collections.unmodifiableMap(out);
    }
  }

  /** Convenience for code that only needs plain maps. */
  static java.util.Map<String, Object> plainMap(Map m) {
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> plain = (java.util.Map<String, Object>) m.toPlain();
    return plain;
  }
}
