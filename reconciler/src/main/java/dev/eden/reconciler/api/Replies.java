package dev.eden.reconciler.api;

import dev.eden.reconciler.approval.ApprovalException;
import dev.eden.reconciler.store.StoreException;
import dev.eden.reconciler.trust.TrustException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where domain errors become gRPC status codes. */
final class Replies {

  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  private Replies() {}

  /** Answers a unary call with {@code answer}'s value or the status its failure maps to. */
  static <T> void unary(String method, StreamObserver<T> observer, Supplier<T> answer) {
    T value;
    try {
      value = answer.get();
    } catch (RuntimeException e) {
      observer.onError(toStatus(method, e));
      return;
    }
    observer.onNext(value);
    observer.onCompleted();
  }

  static StatusRuntimeException toStatus(String method, RuntimeException e) {
    if (e instanceof RequestError r) {
      return Status.fromCode(r.code()).withDescription(r.getMessage()).asRuntimeException();
    }
    if (e instanceof StatusRuntimeException s) {
      return s;
    }
    if (e instanceof TrustException t) {
      return t.toStatus();
    }
    if (e instanceof ApprovalException a) {
      Status status =
          switch (a.kind()) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case INVALID -> Status.INVALID_ARGUMENT;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
          };
      return status.withDescription(a.getMessage()).asRuntimeException();
    }
    if (e instanceof StoreException) {
      LOG.error("event=store_failed method={} error=\"{}\"", method, e.getMessage());
      return Status.UNAVAILABLE.withDescription("store: " + e.getMessage()).asRuntimeException();
    }
    LOG.error("event=call_failed method={} error=\"{}\"", method, e.toString(), e);
    return Status.INTERNAL.withDescription(e.toString()).asRuntimeException();
  }

  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw RequestError.invalid(field + " is required");
    }
    return value;
  }
}
