package dev.eden.reconciler.coord;

import dev.eden.common.error.ErrorKind;

/** The store itself failed (I/O, database); the caller may retry later. */
public final class CoordinationStoreException extends CoordinationException {

  public CoordinationStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.STORAGE;
  }
}
