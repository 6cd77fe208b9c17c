package dev.eden.agent.cond;

/** A condition that does not compile, or that failed to evaluate to a boolean. */
public final class ConditionException extends Exception {

  public ConditionException(String message, Throwable cause) {
    super(message, cause);
  }
}
