package dev.eden.reconciler.review;

import java.util.List;

/**
 * What a change does to one node's plan.
 *
 * @param node the node's name
 * @param state how its plan changes
 * @param steps the changed steps, in the order of the HEAD plan (removed ones last)
 * @param errors for a failing node, its located errors at HEAD ({@code path:LINE:COL: message})
 * @param failedAtBase for a failing node: it did not compile at BASE either (nothing got worse)
 */
public record NodeDiff(
    String node, State state, List<StepChange> steps, List<String> errors, boolean failedAtBase) {

  /** How a node's plan changes between two revisions. */
  public enum State {
    /** The node has a plan at both revisions and nothing it does changes. */
    UNCHANGED,
    /** Some of its steps are added, removed or changed. */
    CHANGED,
    /** The node is known at HEAD only (a new Node object, a new fact file). */
    ADDED,
    /** The node has a plan at BASE and none at HEAD (its Node object was removed). */
    REMOVED,
    /** The node's plan does not compile at HEAD. */
    FAILING
  }

  public NodeDiff {
    steps = List.copyOf(steps);
    errors = List.copyOf(errors);
  }

  /** True when the node's plan changes (a failing node has no plan to compare). */
  public boolean changes() {
    return state != State.UNCHANGED && state != State.FAILING;
  }

  /**
   * What nodes are grouped by: the same state and the same changes (see {@link
   * StepChange#essence}).
   */
  Object groupKey() {
    return List.of(state, steps.stream().map(StepChange::essence).toList(), errors);
  }
}
