package dev.eden.schema.lang;

import java.util.Optional;

/**
 * One field of a part of the manifest language.
 *
 * @param defaultValue the value used when the field is absent, as written in YAML (a String,
 *     Boolean or Integer), for binding and for the JSON Schema
 */
public record Field(
    String name,
    FieldType type,
    boolean required,
    Optional<Object> defaultValue,
    String description) {

  public static Field required(String name, FieldType type, String description) {
    return new Field(name, type, true, Optional.empty(), description);
  }

  public static Field optional(String name, FieldType type, String description) {
    return new Field(name, type, false, Optional.empty(), description);
  }

  public static Field withDefault(String name, FieldType type, Object value, String description) {
    return new Field(name, type, false, Optional.of(value), description);
  }
}
