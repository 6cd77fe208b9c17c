package dev.eden.reconciler.coord;

import dev.eden.reconciler.trust.TrustException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where coordination errors become gRPC statuses. */
final class CoordinationErrors {

  private static final Logger log = LoggerFactory.getLogger(CoordinationErrors.class);

  private CoordinationErrors() {}

  /** Runs {@code call} and answers {@code observer} with its value or with a status. */
  static <T> void reply(String method, StreamObserver<T> observer, Supplier<T> call) {
    T value;
    try {
      value = call.get();
    } catch (RuntimeException e) {
      StatusRuntimeException status = toStatus(e);
      if (status.getStatus().getCode() == Status.Code.INTERNAL
          || status.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        log.warn(
            "event=coord_call_failed method={} code={}", method, status.getStatus().getCode(), e);
      }
      observer.onError(status);
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }

  static StatusRuntimeException toStatus(RuntimeException e) {
    Status status;
    if (e instanceof StatusRuntimeException sre) {
      return sre;
    } else if (e instanceof TrustException t) {
      return t.toStatus();
    } else if (e instanceof LeaseNotFoundException) {
      status = Status.NOT_FOUND;
    } else if (e instanceof ExportDeniedException) {
      status = Status.PERMISSION_DENIED;
    } else if (e instanceof CoordinationStoreException) {
      status = Status.UNAVAILABLE;
    } else if (e instanceof IllegalArgumentException) {
      status = Status.INVALID_ARGUMENT;
    } else if (e instanceof CancelledWait) {
      status = Status.CANCELLED;
    } else {
      return Status.INTERNAL
          .withDescription("coordination failed")
          .withCause(e)
          .asRuntimeException();
    }
    return status.withDescription(e.getMessage()).asRuntimeException();
  }

  /** A long poll was interrupted (server shutting down). */
  static final class CancelledWait extends RuntimeException {
    CancelledWait() {
      super("wait interrupted");
    }
  }
}
