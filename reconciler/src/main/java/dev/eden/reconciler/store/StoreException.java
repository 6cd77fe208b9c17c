package dev.eden.reconciler.store;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;

/** The store could not read or write (disk full, corrupt file, ...). Will not fix itself. */
public final class StoreException extends DomainException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.STORAGE;
  }
}
