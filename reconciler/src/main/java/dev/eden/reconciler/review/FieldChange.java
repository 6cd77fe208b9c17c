package dev.eden.reconciler.review;

/**
 * One field of a step that differs between two plans, as people may see it: values are already
 * redacted. A multi-line value (a file's content, a script) is given as a bounded unified diff.
 *
 * @param field {@code action}, {@code parameters.<key>}, {@code requires}, {@code runOptions},
 *     {@code when}, {@code success}, {@code export}, {@code mode}, {@code sensitive}
 * @param before the old value; empty when the field is new
 * @param after the new value; empty when the field is gone
 * @param diff a unified diff of the two values when one of them spans lines; "" otherwise
 * @param sensitive the value is hidden: it changed, and nothing more is said
 */
public record FieldChange(
    String field, String before, String after, String diff, boolean sensitive) {

  /** A field whose value is hidden: that it changed is all a reader learns. */
  static FieldChange hidden(String field) {
    return new FieldChange(field, Redaction.HIDDEN, Redaction.HIDDEN, "", true);
  }
}
