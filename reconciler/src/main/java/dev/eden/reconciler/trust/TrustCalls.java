package dev.eden.reconciler.trust;

import dev.eden.reconciler.rpc.ErrorStatus;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Runs a unary trust call and answers it, errors mapped by {@link ErrorStatus}. */
final class TrustCalls {

  private TrustCalls() {}

  static <R> void unary(StreamObserver<R> out, Supplier<R> body) {
    ErrorStatus.unary(AuthInterceptor.METHOD.get(), out, body);
  }
}
