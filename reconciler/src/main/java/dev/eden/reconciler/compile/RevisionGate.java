package dev.eden.reconciler.compile;

/**
 * Decides which version of each object a loaded revision rolls out, before it is compiled: the
 * approval gate serves a TaskBook with {@code approval: manual} from its approved version until a
 * person approves the new one.
 */
@FunctionalInterface
public interface RevisionGate {

  /** Rolls out every object as loaded. */
  RevisionGate OPEN = revision -> revision;

  /** The revision to compile in place of {@code loaded} (the same id). */
  Revision admit(Revision loaded);
}
