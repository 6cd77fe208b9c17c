package dev.eden.schema.lang;

import java.util.List;
import java.util.Optional;

/**
 * A mapping of the manifest language with known fields ({@code spec} of a kind, a step, {@code
 * runOptions}, …). {@code title} names it in messages ("TaskBook spec", "step").
 */
public record Part(String id, String title, String description, List<Field> fields) {

  public Part {
    fields = List.copyOf(fields);
  }

  public static Part of(String id, String title, String description, Field... fields) {
    return new Part(id, title, description, List.of(fields));
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }
}
