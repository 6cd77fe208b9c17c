package dev.eden.common.error;

/**
 * The root of every error eden raises on purpose: its {@link #kind()} says what the caller sees,
 * its message is written for a person (and, for kinds whose {@link ErrorKind#messageForCaller()} is
 * false, stays on the server). Anything else that escapes a call is a bug and reaches the caller as
 * INTERNAL with only an error id.
 *
 * <p>The kinds are an enum rather than sealed subclasses: a sealed class's subclasses must sit in
 * its own package, and each eden package keeps its own exception type (TrustException,
 * ApprovalException, ...), which can carry more than one kind.
 */
public abstract class DomainException extends RuntimeException {

  protected DomainException(String message) {
    super(message);
  }

  protected DomainException(String message, Throwable cause) {
    super(message, cause);
  }

  /** What the caller is told, and so which status code it receives. */
  public abstract ErrorKind kind();
}
