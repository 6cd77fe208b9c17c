package dev.eden.reconciler.cron;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler remembers of one CronJob across restarts.
 *
 * @param job {@code namespace/name}
 * @param fingerprint the schedule and zone the times below were computed with
 * @param lastScheduled every scheduled time up to this one was handled (fired, skipped or missed);
 *     a new or rescheduled CronJob starts at the time it was first seen
 * @param lastFired when it last dispatched a run
 * @param lastDispatch the id of that dispatch ("" before the first)
 */
public record CronState(
    String job,
    String fingerprint,
    Instant lastScheduled,
    Optional<Instant> lastFired,
    String lastDispatch) {

  public CronState {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(lastScheduled, "lastScheduled");
    Objects.requireNonNull(lastFired, "lastFired");
    Objects.requireNonNull(lastDispatch, "lastDispatch");
  }

  /** A CronJob first seen (or rescheduled) at {@code now}: it counts from there. */
  static CronState seen(CronJob job, Instant now) {
    return new CronState(job.id(), job.fingerprint(), now, Optional.empty(), "");
  }

  CronState handledUntil(Instant scheduled) {
    return new CronState(job, fingerprint, scheduled, lastFired, lastDispatch);
  }

  CronState fired(Instant at, String dispatchId) {
    return new CronState(job, fingerprint, lastScheduled, Optional.of(at), dispatchId);
  }
}
