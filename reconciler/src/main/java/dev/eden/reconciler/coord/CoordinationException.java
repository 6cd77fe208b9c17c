package dev.eden.reconciler.coord;

/** What a {@link CoordinationStore} throws; unchecked, handled by the gRPC service in one place. */
public abstract sealed class CoordinationException extends RuntimeException
    permits LeaseNotFoundException, CoordinationStoreException {

  CoordinationException(String message, Throwable cause) {
    super(message, cause);
  }
}
