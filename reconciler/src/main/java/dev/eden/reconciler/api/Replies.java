package dev.eden.reconciler.api;

import dev.eden.reconciler.rpc.ErrorStatus;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** How the control and agent services answer: errors mapped by {@link ErrorStatus}. */
final class Replies {

  private Replies() {}

  /** Answers a unary call with {@code answer}'s value or the status its failure maps to. */
  static <T> void unary(String method, StreamObserver<T> observer, Supplier<T> answer) {
    ErrorStatus.unary(method, observer, answer);
  }

  static StatusRuntimeException toStatus(String method, RuntimeException e) {
    return ErrorStatus.of(method, e);
  }

  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw RequestError.invalid(field + " is required");
    }
    return value;
  }
}
