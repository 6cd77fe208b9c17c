package dev.eden.reconciler.cron;

import java.time.Instant;

/** What a tick decided for one CronJob; the scheduler carries it out. */
public sealed interface Decision {

  CronJob job();

  /**
   * Run the TaskBook for the time {@code scheduled}.
   *
   * @param missed earlier scheduled times that passed while the scheduler was away and fold into
   *     this run (misfirePolicy runOnce), 0 when none
   * @param late {@code scheduled} itself passed more than the misfire threshold ago
   */
  record Fire(CronJob job, Instant scheduled, int missed, boolean late) implements Decision {}

  /** Scheduled times that passed while the scheduler was away, dropped by misfirePolicy skip. */
  record Missed(CronJob job, Instant first, Instant last, int count) implements Decision {}

  /** The schedule cannot be evaluated; reported once per schedule. */
  record Invalid(CronJob job, String reason) implements Decision {}
}
