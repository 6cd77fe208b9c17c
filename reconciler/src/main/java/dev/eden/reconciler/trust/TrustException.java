package dev.eden.reconciler.trust;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Why a trust operation was refused. Unchecked: every public method of this package documents that
 * it may throw it. {@link #toStatus()} is the one place where trust errors become gRPC status
 * codes. Messages never contain tokens, keys or other secrets.
 */
public final class TrustException extends RuntimeException {

  /** The fixed vocabulary of refusals, each with the status code a client sees. */
  public enum Reason {
    INVALID_REQUEST(Status.Code.INVALID_ARGUMENT),
    UNAUTHENTICATED(Status.Code.UNAUTHENTICATED),
    DENIED(Status.Code.PERMISSION_DENIED),
    NOT_FOUND(Status.Code.NOT_FOUND),
    CONFLICT(Status.Code.FAILED_PRECONDITION),
    STORAGE(Status.Code.INTERNAL);

    private final Status.Code code;

    Reason(Status.Code code) {
      this.code = code;
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

  /** The status a gRPC client receives for this refusal. */
  public StatusRuntimeException toStatus() {
    return Status.fromCode(reason.code).withDescription(getMessage()).asRuntimeException();
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
