package dev.eden.agent.action;

/**
 * What one action did. {@code output} is what {@code {{output 'step'}}} and exports read: a
 * command's trimmed standard output, a managed file's content.
 */
public sealed interface Outcome {

  String message();

  /** The step changed the node (or, in a dry run, would have). */
  record Changed(String message, String diff, String output) implements Outcome {}

  /** The node already was as desired. */
  record Unchanged(String message, String output) implements Outcome {}

  /** The step could not do what it should; {@code message} says why. */
  record Failed(String message, String output) implements Outcome {}

  /** The step did not run; {@code message} says why. */
  record Skipped(String message) implements Outcome {}

  static Changed changed(String message) {
    return new Changed(message, "", "");
  }

  static Unchanged unchanged(String message) {
    return new Unchanged(message, "");
  }

  static Failed failed(String message) {
    return new Failed(message, "");
  }

  static Skipped skipped(String message) {
    return new Skipped(message);
  }

  /** The value a later step reads through an OUTPUT reference ("" when there is none). */
  default String output() {
    return "";
  }

  /** A bounded unified diff, or "" when there is none. */
  default String diff() {
    return "";
  }
}
