package dev.eden.reconciler.rpc;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become gRPC statuses, for every service (control, agent, coordination,
 * trust). A {@link DomainException} gets the code of its {@link ErrorKind} and, when written for
 * the caller, its message. An {@link IllegalArgumentException} is how records and parsers refuse a
 * value (a selector, a blank field): INVALID_ARGUMENT with its message. A {@link
 * StatusRuntimeException} a service built on purpose passes through. Anything else, and storage or
 * internal failures, reaches the caller with a generic message and an error id that the server logs
 * beside the exception: never the exception's text.
 */
public final class ErrorStatus {

  private static final Logger log = LoggerFactory.getLogger(ErrorStatus.class);

  private ErrorStatus() {}

  /** Answers a unary call with {@code answer}'s value or the status its failure maps to. */
  public static <T> void unary(String method, StreamObserver<T> observer, Supplier<T> answer) {
    T value;
    try {
      value = answer.get();
    } catch (RuntimeException e) {
      observer.onError(of(method, e));
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }

  /** The status {@code e}, raised while serving {@code method}, is answered with. */
  public static StatusRuntimeException of(String method, RuntimeException e) {
    if (e instanceof StatusRuntimeException s) {
      return s;
    }
    if (e instanceof IllegalArgumentException) {
      return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
    }
    if (!(e instanceof DomainException d)) {
      return hidden(method, Status.INTERNAL, "internal error", e);
    }
    if (!d.kind().messageForCaller()) {
      return d.kind() == ErrorKind.STORAGE
          ? hidden(method, Status.UNAVAILABLE, "storage unavailable, try again", e)
          : hidden(method, Status.INTERNAL, "internal error", e);
    }
    return code(d.kind()).withDescription(d.getMessage()).asRuntimeException();
  }

  private static Status code(ErrorKind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
      case UNAVAILABLE, STORAGE -> Status.UNAVAILABLE;
      case CANCELLED -> Status.CANCELLED;
      case INTERNAL -> Status.INTERNAL;
    };
  }

  private static StatusRuntimeException hidden(
      String method, Status status, String what, RuntimeException e) {
    String errorId = UUID.randomUUID().toString().substring(0, 8);
    log.error(
        "event=call_failed method={} code={} error_id={} error=\"{}\"",
        method,
        status.getCode(),
        errorId,
        e.toString(),
        e);
    return status
        .withDescription(what + " (error id " + errorId + "; the server's log has the cause)")
        .asRuntimeException();
  }
}
