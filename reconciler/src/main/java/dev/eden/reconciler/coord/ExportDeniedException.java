package dev.eden.reconciler.coord;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;

/** A node asked for an export its labels do not let it read. The message never has the value. */
final class ExportDeniedException extends DomainException {

  ExportDeniedException(String message) {
    super(message);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.PERMISSION_DENIED;
  }
}
