package dev.eden.reconciler.coord;

import dev.eden.common.error.DomainException;

/** What a {@link CoordinationStore} throws; unchecked, handled by the gRPC service in one place. */
public abstract sealed class CoordinationException extends DomainException
    permits LeaseNotFoundException, CoordinationStoreException {

  CoordinationException(String message, Throwable cause) {
    super(message, cause);
  }
}
