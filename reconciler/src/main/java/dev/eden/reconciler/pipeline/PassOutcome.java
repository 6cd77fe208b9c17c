package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodePlan;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.approval.TaskBookApprovals;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one pass of the revision pipeline decided, before anything is written: the steps return it,
 * {@link RevisionApplier} writes the store, the plan registry and the events from it.
 */
public sealed interface PassOutcome {

  /** Why a revision serves (again). */
  sealed interface Change {
    /** A new commit was accepted: it replaces the last revision whole. */
    record NewRevision() implements Change {}

    /** Nodes registered or changed their labels or facts: their plans (and dependents) changed. */
    record Nodes(Set<String> nodes) implements Change {}

    /** A TaskBook version was approved and the current revision compiled again for every node. */
    record Approval(TaskBookApprovals.Given given, String by) implements Change {}

    /** The reconciler started: the stored revision and plans serve again, nothing is written. */
    record Restored() implements Change {}
  }

  /** Why nothing new serves. */
  sealed interface Failure {
    /** The fetch of {@code branch} failed (a {@code Waiting} error); no credentials in it. */
    record FetchFailed(String branch, String reason) implements Failure {}

    /** A new revision is rejected (a {@code Stalling} error: it takes a new commit). */
    record Invalid(RevisionInfo revision) implements Failure {}

    /** The head brings commits that no allowed signer signed (see {@link VerifyStep}). */
    record NotVerified(RevisionInfo revision, VerifyStep.Outcome.Refused refused)
        implements Failure {}

    /** The current revision does not compile for {@code node} ("" for every node). */
    record NotCompiled(String revision, String node, List<String> errors) implements Failure {}

    /** The approved version does not compile now: the approval is taken back. */
    record ApprovalNotCompiled(TaskBookApprovals.Given given, List<String> errors)
        implements Failure {}

    /** The stored revision could not be read back at start-up; its stored plans still serve. */
    record NotRestored(Map<String, NodePlan> stored, List<String> errors) implements Failure {}
  }

  /**
   * {@code next} serves from now on.
   *
   * @param replaced the plans this pass compiled (every plan for a new revision)
   */
  record Accepted(AcceptedRevision next, Map<String, NodePlan> replaced, Change change)
      implements PassOutcome {
    public Accepted {
      replaced = Map.copyOf(replaced);
    }
  }

  /**
   * The last revision keeps serving.
   *
   * @param retryAfter when to come back; empty: when something changes (a new commit, a node)
   */
  record Rejected(Failure failure, Optional<Duration> retryAfter) implements PassOutcome {}

  /** The branch head is a revision already processed (accepted or rejected). */
  record Unchanged(RevisionInfo revision) implements PassOutcome {}
}
