package dev.eden.agent.coord;

/** Whether this node runs a {@code target.limit} step, or adopts the result of one that did. */
public sealed interface TargetDecision {

  /** This node runs the step. */
  record Run() implements TargetDecision {}

  /** Another node ran it; this node records its outcome as its own. */
  record Adopt(String ranOn, StepOutcome outcome) implements TargetDecision {}
}
