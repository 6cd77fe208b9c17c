package dev.eden.schema.lang;

import java.util.List;
import java.util.Optional;

/**
 * A mapping of the manifest language with known fields ({@code spec} of a kind, a step, {@code
 * runOptions}, …). {@code title} names it in messages ("TaskBook spec", "step"); {@code
 * atLeastOneOf} lists groups of optional fields of which one must be given, {@code exactlyOneOf}
 * groups of which one and only one must be (two spellings of the same field).
 */
public record Part(
    String id,
    String title,
    String description,
    List<Field> fields,
    List<List<String>> atLeastOneOf,
    List<List<String>> exactlyOneOf) {

  public Part {
    fields = List.copyOf(fields);
    atLeastOneOf = atLeastOneOf.stream().map(List::copyOf).toList();
    exactlyOneOf = exactlyOneOf.stream().map(List::copyOf).toList();
  }

  public static Part of(String id, String title, String description, Field... fields) {
    return new Part(id, title, description, List.of(fields), List.of(), List.of());
  }

  /** This part, also needing at least one of {@code names}. */
  public Part needingOneOf(String... names) {
    return new Part(id, title, description, fields, adding(atLeastOneOf, names), exactlyOneOf);
  }

  /** This part, needing exactly one of {@code names}. */
  public Part needingExactlyOneOf(String... names) {
    return new Part(id, title, description, fields, atLeastOneOf, adding(exactlyOneOf, names));
  }

  private static List<List<String>> adding(List<List<String>> groups, String... names) {
    List<List<String>> more = new java.util.ArrayList<>(groups);
    more.add(List.of(names));
    return more;
  }

  public Optional<Field> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  public List<String> fieldNames() {
    return fields.stream().map(Field::name).toList();
  }
}
