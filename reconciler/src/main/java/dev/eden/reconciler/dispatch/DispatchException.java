package dev.eden.reconciler.dispatch;

/** A dispatch that cannot start; the message says why, for a person. */
public final class DispatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DispatchException(String message) {
    super(message);
  }
}
