package dev.eden.agent.beacon;

/**
 * What one run of a beacon's check found.
 *
 * @param passed whether the node is in the state the check describes
 * @param message what the check saw, short enough for an event
 */
public record CheckResult(boolean passed, String message) {

  public static CheckResult pass(String message) {
    return new CheckResult(true, message);
  }

  public static CheckResult fail(String message) {
    return new CheckResult(false, message);
  }

  /** {@code pass} or {@code fail}, as the event's {@code result} label says it. */
  public String label() {
    return passed ? "pass" : "fail";
  }
}
