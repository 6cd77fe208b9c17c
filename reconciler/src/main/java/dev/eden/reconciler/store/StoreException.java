package dev.eden.reconciler.store;

/** The store could not read or write (disk full, corrupt file, ...). Will not fix itself. */
public final class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
