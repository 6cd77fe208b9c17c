package dev.eden.common.error;

/**
 * The fixed vocabulary of why eden refuses or fails a request. Each kind maps to one gRPC status
 * code, in one place (the reconciler's {@code rpc.ErrorStatus}); a switch over it is exhaustive.
 */
public enum ErrorKind {
  /** The request is malformed; the message names the field. */
  INVALID_ARGUMENT(true),
  /** What the request names does not exist. */
  NOT_FOUND(true),
  /** The request is well formed but cannot be done in the current state; the message says why. */
  FAILED_PRECONDITION(true),
  /** The caller has no right to do this. */
  PERMISSION_DENIED(true),
  /** The caller did not prove who it is. */
  UNAUTHENTICATED(true),
  /** Something the server depends on is away; the same request may succeed later. */
  UNAVAILABLE(true),
  /** The call was given up (the server is shutting down). */
  CANCELLED(true),
  /**
   * The server's storage failed. The message (paths, SQL) stays in the server's log; the caller
   * sees UNAVAILABLE with an error id and may retry.
   */
  STORAGE(false),
  /**
   * The server is at fault. The message stays in the server's log; the caller sees INTERNAL with an
   * error id.
   */
  INTERNAL(false);

  private final boolean messageForCaller;

  ErrorKind(boolean messageForCaller) {
    this.messageForCaller = messageForCaller;
  }

  /** True when the exception's message is written for the caller and may be sent to it. */
  public boolean messageForCaller() {
    return messageForCaller;
  }
}
