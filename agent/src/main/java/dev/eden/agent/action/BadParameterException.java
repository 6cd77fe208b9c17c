package dev.eden.agent.action;

/** A step's parameters are missing, unknown or of the wrong type; the message names which. */
public final class BadParameterException extends RuntimeException {
  public BadParameterException(String message) {
    super(message);
  }
}
