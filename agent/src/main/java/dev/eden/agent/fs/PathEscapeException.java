package dev.eden.agent.fs;

/** A node path that cannot be resolved inside the agent's root (relative, or a symlink loop). */
public final class PathEscapeException extends RuntimeException {
  public PathEscapeException(String message) {
    super(message);
  }
}
