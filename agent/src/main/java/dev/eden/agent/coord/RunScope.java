package dev.eden.agent.coord;

import dev.eden.proto.CoordScope;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;

/**
 * Which run of a plan the coordination of its steps belongs to: the plan's revision (or the
 * dispatch, for a dispatched run) is what the reconciler finds the step's membership by; {@code
 * run} is the run's own scope (every node applying the same revision shares its permits, barriers
 * and run-once results). The plan never says which other nodes take part.
 */
public record RunScope(String revision, String dispatch, String run) {

  /**
   * The run of {@code plan}; {@code dispatch} is its dispatch id or "" for the plan's own steps.
   */
  public static RunScope of(NodePlan plan, String dispatch) {
    String revision = plan.getRevision();
    return new RunScope(revision, dispatch, revision.isEmpty() ? "unversioned" : revision);
  }

  /** A run of revision {@code revision}'s plan. */
  public static RunScope ofRevision(String revision) {
    return new RunScope(revision, "", revision);
  }

  /** The step's identity on the wire: no node lists, only which step of which run. */
  CoordScope scope(PlanStep step) {
    return CoordScope.newBuilder()
        .setTaskbook(step.getTaskbook())
        .setStepId(step.getId())
        .setRun(run)
        .setRevision(revision)
        .setDispatchId(dispatch)
        .build();
  }
}
