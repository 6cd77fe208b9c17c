package dev.eden.reconciler.coord;

import java.util.Objects;

/**
 * Which run of which step a permit, barrier or claim belongs to. A new revision or a new run of a
 * TaskBook has a different {@code run}, so it never shares permits with the previous one.
 *
 * @param taskbook "&lt;namespace&gt;/&lt;name&gt;"
 * @param stepId the plan step's id
 * @param run the run's scope: its revision plus the run's generation
 */
public record StepKey(String taskbook, String stepId, String run) {

  public StepKey {
    requireText(taskbook, "taskbook");
    requireText(stepId, "stepId");
    requireText(run, "run");
  }

  private static void requireText(String value, String what) {
    if (Objects.requireNonNull(value, what).isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return stepId + "@" + run;
  }
}
