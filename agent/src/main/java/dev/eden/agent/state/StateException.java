package dev.eden.agent.state;

/** The agent's local database cannot be opened, read or written. */
public final class StateException extends RuntimeException {
  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
