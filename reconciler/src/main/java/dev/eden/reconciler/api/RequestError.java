package dev.eden.reconciler.api;

import io.grpc.Status;

/** A request the services refuse, with the gRPC code it maps to. */
final class RequestError extends RuntimeException {

  private final Status.Code code;

  private RequestError(Status.Code code, String message) {
    super(message);
    this.code = code;
  }

  static RequestError invalid(String message) {
    return new RequestError(Status.Code.INVALID_ARGUMENT, message);
  }

  static RequestError notFound(String message) {
    return new RequestError(Status.Code.NOT_FOUND, message);
  }

  static RequestError notReady(String message) {
    return new RequestError(Status.Code.FAILED_PRECONDITION, message);
  }

  static RequestError unavailable(String message) {
    return new RequestError(Status.Code.UNAVAILABLE, message);
  }

  Status.Code code() {
    return code;
  }
}
