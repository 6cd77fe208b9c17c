package dev.eden.reconciler.dispatch;

/** A dispatch that cannot start; the message says why, for a person. */
public final class DispatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean notFound;

  public DispatchException(String message) {
    this(message, false);
  }

  private DispatchException(String message, boolean notFound) {
    super(message);
    this.notFound = notFound;
  }

  /** The TaskBook (or dispatch) asked for does not exist. */
  public static DispatchException notFound(String message) {
    return new DispatchException(message, true);
  }

  /** True when what was asked for does not exist (gRPC NOT_FOUND), else it cannot run now. */
  public boolean notFound() {
    return notFound;
  }
}
