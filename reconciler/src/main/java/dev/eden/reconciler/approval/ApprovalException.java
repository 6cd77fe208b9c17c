package dev.eden.reconciler.approval;

/** An approval that cannot be given, with why; the control service maps {@link #kind()}. */
public final class ApprovalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** No such TaskBook in the current revision. */
    NOT_FOUND,
    /** The name is ambiguous or malformed. */
    INVALID,
    /** No such version waits for approval, or it cannot be rolled out. */
    FAILED_PRECONDITION
  }

  private final Kind kind;

  ApprovalException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public static ApprovalException failedPrecondition(String message) {
    return new ApprovalException(Kind.FAILED_PRECONDITION, message);
  }

  public Kind kind() {
    return kind;
  }
}
