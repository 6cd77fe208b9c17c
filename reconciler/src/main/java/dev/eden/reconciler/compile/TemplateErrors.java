package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import dev.eden.schema.SourcePos;
import dev.eden.schema.model.Value;

/** Turns Handlebars' errors into eden's, located in the manifest or the template file. */
final class TemplateErrors {

  private TemplateErrors() {}

  /** An error in a template written inline in {@code scalar}. */
  static CompileError inScalar(HandlebarsException e, Value.Scalar scalar) {
    HandlebarsError err = e.getError();
    SourcePos pos = scalar.pos();
    if (err != null && err.line == 1) {
      pos = scalar.posAt(Math.max(0, err.column));
    }
    return new CompileError(pos, message(e));
  }

  /** An error in the template file {@code path}. */
  static CompileError inFile(HandlebarsException e, String path) {
    HandlebarsError err = e.getError();
    SourcePos pos =
        err == null ? SourcePos.ofFile(path) : new SourcePos(path, err.line, err.column + 1);
    return new CompileError(pos, message(e));
  }

  private static String message(HandlebarsException e) {
    Throwable cause = e.getCause();
    if (cause instanceof TemplateFailure f) {
      return f.getMessage();
    }
    HandlebarsError err = e.getError();
    String reason = err != null && err.reason != null ? err.reason : e.getMessage();
    return "template: " + firstLine(reason);
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }
}
