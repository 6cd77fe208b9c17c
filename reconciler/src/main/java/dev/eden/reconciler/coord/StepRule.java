package dev.eden.reconciler.coord;

import dev.eden.proto.RunOptions;

/**
 * What a coordinated step asks for, as the plan that has it says: a barrier, a semaphore of {@code
 * serializeCount} permits (0 = none), a run on at most {@code targetLimit} nodes (0 = every node).
 */
public record StepRule(boolean sync, int serializeCount, int targetLimit) {

  public static StepRule of(RunOptions o) {
    return new StepRule(o.getSync(), o.getSerializeCount(), o.getTargetLimit());
  }

  /** Whether the step needs the reconciler's coordination at all. */
  public boolean coordinated() {
    return sync || serializeCount > 0 || targetLimit > 0;
  }
}
