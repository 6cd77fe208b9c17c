package dev.eden.reconciler.coord;

/** A node asked for an export its labels do not let it read. The message never has the value. */
final class ExportDeniedException extends RuntimeException {

  ExportDeniedException(String message) {
    super(message);
  }
}
