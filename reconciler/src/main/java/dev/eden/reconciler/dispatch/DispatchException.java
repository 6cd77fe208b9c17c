package dev.eden.reconciler.dispatch;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;

/**
 * A dispatch that cannot start; the message says why, for a person. NOT_FOUND when what was asked
 * for does not exist, else FAILED_PRECONDITION (it cannot run now).
 */
public final class DispatchException extends DomainException {
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

  @Override
  public ErrorKind kind() {
    return notFound ? ErrorKind.NOT_FOUND : ErrorKind.FAILED_PRECONDITION;
  }
}
