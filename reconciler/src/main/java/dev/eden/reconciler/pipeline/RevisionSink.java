package dev.eden.reconciler.pipeline;

/**
 * Something that must hold a revision before it serves: the first action of persisting. The applier
 * calls every sink, in order, before the store switches to a new revision or stores a recompile's
 * plans; when one refuses, nothing else is written and the last revision keeps serving (a new
 * revision is then rejected with the sink's reason).
 */
@FunctionalInterface
public interface RevisionSink {

  /**
   * Records what {@code next} needs (such as coordination membership) before it serves.
   *
   * @param next the revision about to serve, with every node's compiled plan
   * @throws Refused when it cannot be recorded; the message is shown to the user
   */
  void accepting(AcceptedRevision next) throws Refused;

  /** A sink could not record a revision; it must not serve. */
  final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    public Refused(String message, Throwable cause) {
      super(message, cause);
    }

    public Refused(String message) {
      super(message);
    }
  }
}
