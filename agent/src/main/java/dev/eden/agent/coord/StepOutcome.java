package dev.eden.agent.coord;

import dev.eden.proto.StepResult;

/**
 * What a coordinated step did, as the executor reports it. {@code output} feeds exports and {@code
 * {{output}}}.
 */
public record StepOutcome(StepResult.Status status, String message, String output) {

  public StepOutcome {
    message = message == null ? "" : message;
    output = output == null ? "" : output;
  }

  public boolean failed() {
    return status == StepResult.Status.FAILED;
  }

  @Override
  public String toString() {
    return "StepOutcome[" + status + ", " + message + "]";
  }
}
