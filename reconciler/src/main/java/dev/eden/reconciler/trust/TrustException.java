package dev.eden.reconciler.trust;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;

/**
 * Why a trust operation was refused. Unchecked: every public method of this package documents that
 * it may throw it; its {@link #kind()} follows from its {@link Reason}. Messages never contain
 * tokens, keys or other secrets.
 */
public final class TrustException extends DomainException {

  /** The fixed vocabulary of refusals, each with the kind of error a client sees. */
  public enum Reason {
    INVALID_REQUEST(ErrorKind.INVALID_ARGUMENT),
    UNAUTHENTICATED(ErrorKind.UNAUTHENTICATED),
    DENIED(ErrorKind.PERMISSION_DENIED),
    NOT_FOUND(ErrorKind.NOT_FOUND),
    CONFLICT(ErrorKind.FAILED_PRECONDITION),
    STORAGE(ErrorKind.INTERNAL);

    private final ErrorKind kind;

    Reason(ErrorKind kind) {
      this.kind = kind;
    }
  }

  private final Reason reason;

  public TrustException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public TrustException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public ErrorKind kind() {
    return reason.kind;
  }

  static TrustException invalid(String message) {
    return new TrustException(Reason.INVALID_REQUEST, message);
  }

  static TrustException unauthenticated(String message) {
    return new TrustException(Reason.UNAUTHENTICATED, message);
  }

  static TrustException storage(String what, Throwable cause) {
    return new TrustException(Reason.STORAGE, "trust store failed: " + what, cause);
  }
}
