package dev.eden.reconciler.coord;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;
import dev.eden.reconciler.rpc.ErrorStatus;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** How the coordination service answers: errors mapped by {@link ErrorStatus}. */
final class CoordinationErrors {

  private CoordinationErrors() {}

  /** Runs {@code call} and answers {@code observer} with its value or with a status. */
  static <T> void reply(String method, StreamObserver<T> observer, Supplier<T> call) {
    ErrorStatus.unary(method, observer, call);
  }

  /** A long poll was interrupted (server shutting down). */
  static final class CancelledWait extends DomainException {
    CancelledWait() {
      super("wait interrupted");
    }

    @Override
    public ErrorKind kind() {
      return ErrorKind.CANCELLED;
    }
  }
}
