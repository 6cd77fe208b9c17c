package dev.eden.agent.trust;

/** Enrollment or renewal was refused for good (a bad token, a CA mismatch): retrying won't help. */
public final class EnrollmentFailedException extends RuntimeException {

  public EnrollmentFailedException(String message) {
    super(message);
  }

  public EnrollmentFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
