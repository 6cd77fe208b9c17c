package dev.eden.schema.select;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector ({@code a=b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)},
 * {@code a}, {@code !a}; comma means "and"), parsed once and matched many times.
 */
public record LabelSelector(List<Requirement> requirements) {

  public LabelSelector {
    requirements = List.copyOf(requirements);
  }

  /** The selector that matches every node (written as the empty string). */
  public static LabelSelector everything() {
    return new LabelSelector(List.of());
  }

  /**
   * Parses {@code text}.
   *
   * @throws SelectorSyntaxException with the 0-based offset of the problem in {@code text}
   */
  public static LabelSelector parse(String text) {
    return new SelectorParser(text).parse();
  }

  public boolean matches(Map<String, String> labels) {
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  public boolean matchesEverything() {
    return requirements.isEmpty();
  }

  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }

  /** The operators of the selector language. */
  public enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    EXISTS,
    DOES_NOT_EXIST
  }

  /** One comma-separated part of a selector. */
  public record Requirement(String key, Operator op, Set<String> values) {
    public Requirement {
      values = Set.copyOf(values);
    }

    public boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case EQUALS, IN -> v != null && values.contains(v);
        case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
      };
    }

    @Override
    public String toString() {
      String sorted = values.stream().sorted().collect(Collectors.joining(","));
      return switch (op) {
        case EQUALS -> key + "=" + sorted;
        case NOT_EQUALS -> key + "!=" + sorted;
        case IN -> key + " in (" + sorted + ")";
        case NOT_IN -> key + " notin (" + sorted + ")";
        case EXISTS -> key;
        case DOES_NOT_EXIST -> "!" + key;
      };
    }
  }
}
