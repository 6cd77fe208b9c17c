package dev.eden.reconciler.approval;

import dev.eden.common.error.DomainException;
import dev.eden.common.error.ErrorKind;

/**
 * An approval that cannot be given, with why: no such TaskBook in the current revision (NOT_FOUND),
 * an ambiguous or malformed name (INVALID_ARGUMENT), or no such version waiting for approval or it
 * cannot be rolled out (FAILED_PRECONDITION).
 */
public final class ApprovalException extends DomainException {

  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;

  ApprovalException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public static ApprovalException failedPrecondition(String message) {
    return new ApprovalException(ErrorKind.FAILED_PRECONDITION, message);
  }

  @Override
  public ErrorKind kind() {
    return kind;
  }
}
