package dev.eden.reconciler.cron;

/** A cron expression that passed the schema's check but that the scheduler cannot evaluate. */
public final class ScheduleException extends Exception {
  private static final long serialVersionUID = 1L;

  public ScheduleException(String message) {
    super(message);
  }
}
