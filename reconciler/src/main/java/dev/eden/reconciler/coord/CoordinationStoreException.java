package dev.eden.reconciler.coord;

/** The store itself failed (I/O, database); the caller may retry later. */
public final class CoordinationStoreException extends CoordinationException {

  public CoordinationStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
