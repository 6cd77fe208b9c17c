package dev.eden.agent.proc;

/** A command could not be started (missing program, bad working folder). */
public final class CommandException extends RuntimeException {
  public CommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
