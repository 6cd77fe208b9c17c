package dev.eden.agent.exec;

/** Another run holds the data folder's run lock; a run is never applied twice at once. */
public final class RunInProgressException extends RuntimeException {
  public RunInProgressException(String message) {
    super(message);
  }
}
