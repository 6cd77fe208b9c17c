package dev.eden.reconciler.api;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;

/** A request the control and agent services refuse, with the kind of error it is. */
final class RequestError extends DomainException {

  private final ErrorKind kind;

  private RequestError(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  static RequestError invalid(String message) {
    return new RequestError(ErrorKind.INVALID_ARGUMENT, message);
  }

  static RequestError notFound(String message) {
    return new RequestError(ErrorKind.NOT_FOUND, message);
  }

  static RequestError notReady(String message) {
    return new RequestError(ErrorKind.FAILED_PRECONDITION, message);
  }

  static RequestError unavailable(String message) {
    return new RequestError(ErrorKind.UNAVAILABLE, message);
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }
}
