package dev.eden.reconciler.compile;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;

/** A located problem found while compiling; the compiler turns it into a {@link Diagnostic}. */
final class CompileError extends RuntimeException {

  private final transient Diagnostic diagnostic;

  CompileError(SourcePos pos, String message) {
    super(pos + ": " + message, null, false, false);
    this.diagnostic = new Diagnostic(pos, message);
  }

  Diagnostic diagnostic() {
    return diagnostic;
  }
}
