package dev.eden.reconciler.compile;

/**
 * Thrown by eden's template helpers (unknown variable, bad selector, unknown step); Handlebars
 * wraps it with the position of the tag that failed.
 */
final class TemplateFailure extends RuntimeException {

  TemplateFailure(String message) {
    super(message, null, false, false);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
