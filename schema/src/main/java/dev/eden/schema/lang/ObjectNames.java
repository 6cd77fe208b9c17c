package dev.eden.schema.lang;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What object names and namespaces may look like (Kubernetes' DNS-1123 rules): lowercase letters,
 * digits and '-' (and '.' in names), starting and ending with a letter or digit.
 */
public final class ObjectNames {

  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
  public static final String NAMESPACE_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final Pattern NAMESPACE = Pattern.compile(NAMESPACE_PATTERN);

  private ObjectNames() {}

  /** Why {@code name} is not a valid object name, or empty when it is. */
  public static Optional<String> nameProblem(String name) {
    if (name.length() > 253) {
      return Optional.of("is longer than 253 characters");
    }
    return NAME.matcher(name).matches()
        ? Optional.empty()
        : Optional.of(
            "must consist of lowercase letters, digits, '-' and '.', and start and end with a"
                + " letter or digit");
  }

  /** Why {@code namespace} is not a valid namespace, or empty when it is. */
  public static Optional<String> namespaceProblem(String namespace) {
    if (namespace.length() > 63) {
      return Optional.of("is longer than 63 characters");
    }
    return NAMESPACE.matcher(namespace).matches()
        ? Optional.empty()
        : Optional.of(
            "must consist of lowercase letters, digits and '-', and start and end with a letter"
                + " or digit");
  }
}
