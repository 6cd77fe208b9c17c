package dev.eden.reconciler.trust;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a unary trust call and answers it: the one place where errors become status codes. */
final class TrustCalls {

  private static final Logger log = LoggerFactory.getLogger(TrustCalls.class);

  private TrustCalls() {}

  static <R> void unary(StreamObserver<R> out, Supplier<R> body) {
    R response;
    try {
      response = body.get();
    } catch (TrustException e) {
      out.onError(e.toStatus());
      return;
    } catch (RuntimeException e) {
      log.error("event=trust-call-failed method={}", AuthInterceptor.METHOD.get(), e);
      out.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }
}
