package dev.eden.reconciler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.schema.model.Spec.ConcurrencyPolicy;
import dev.eden.schema.model.Spec.CronJobSpec;
import dev.eden.schema.model.Spec.MisfirePolicy;
import dev.eden.schema.select.LabelSelector;
import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler on a fake clock, with real SQLite files and a recording dispatcher. */
class CronSchedulerTest {

  @TempDir Path tmp;

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T02:30:00Z"));
  private final RecordingDispatcher dispatcher = new RecordingDispatcher();
  private final AtomicReference<Optional<List<CronJob>>> jobs =
      new AtomicReference<>(Optional.of(List.of()));
  private SqliteStore store;
  private EventLog events;
  private SqliteCronStateStore states;
  private CronScheduler scheduler;

  @BeforeEach
  void open() {
    store = SqliteStore.open(tmp.resolve("data"));
    events = new EventLog(store, clock);
    states = SqliteCronStateStore.open(tmp.resolve("data").resolve("cron.db"));
    scheduler =
        new CronScheduler(
            () -> jobs.get().map(j -> new CronJobSource.Jobs("main@sha1:abc", j)),
            states,
            dispatcher,
            events,
            clock,
            Runnable::run);
  }

  @AfterEach
  void close() {
    states.close();
    store.close();
  }

  /** Stops the reconciler's cron side and starts a new one on the same files. */
  private void restart() {
    close();
    open();
  }

  private static CronJob job(
      String schedule, String zone, ConcurrencyPolicy concurrency, MisfirePolicy misfire) {
    return job(schedule, zone, concurrency, misfire, false);
  }

  private static CronJob job(
      String schedule,
      String zone,
      ConcurrencyPolicy concurrency,
      MisfirePolicy misfire,
      boolean suspend) {
    return new CronJob(
        "ops",
        "nightly",
        new CronJobSpec(
            schedule,
            ZoneId.of(zone),
            List.of("cleanup"),
            Optional.of(LabelSelector.parse("tier=web")),
            concurrency,
            misfire,
            suspend));
  }

  private static CronJob hourly(ConcurrencyPolicy concurrency, MisfirePolicy misfire) {
    return job("0 * * * *", "UTC", concurrency, misfire);
  }

  private void serve(CronJob... cronJobs) {
    jobs.set(Optional.of(List.of(cronJobs)));
  }

  private void moveTo(String iso) {
    clock.advance(Duration.between(clock.instant(), Instant.parse(iso)));
  }

  private List<Event> events(String reason) {
    return events.list(new EventQuery("", EventKinds.CRON_JOB, "nightly", 0, 0)).stream()
        .filter(e -> e.getReason().equals(reason))
        .toList();
  }

  @Test
  void firesAtEachScheduledInstantOfItsTimeZone() {
    serve(job("0 3 * * *", "Europe/Berlin", ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    moveTo("2026-03-27T12:00:00Z");

    assertThat(scheduler.tick()).contains(Instant.parse("2026-03-28T02:00:00Z"));
    moveTo("2026-03-28T02:00:00Z");
    assertThat(scheduler.tick()).contains(Instant.parse("2026-03-29T01:00:00Z"));
    moveTo("2026-03-29T00:59:59Z");
    assertThat(scheduler.tick()).contains(Instant.parse("2026-03-29T01:00:00Z"));
    moveTo("2026-03-29T01:00:00Z");
    scheduler.tick();

    assertThat(dispatcher.scheduledTimes())
        .containsExactly("2026-03-28T02:00:00Z", "2026-03-29T01:00:00Z");
    Dispatcher.Request first = dispatcher.requests().get(0);
    assertThat(first.taskBook()).isEqualTo("ops/cleanup");
    assertThat(Origins.text(first.origin())).isEqualTo("CronJob/ops/nightly");
    assertThat(first.selector()).contains(LabelSelector.parse("tier=web"));
    assertThat(first.event()).containsEntry("reason", "CronFired");
    assertThat(events(Reason.CRON_FIRED.text()))
        .extracting(Event::getMessage)
        .containsExactly(
            "scheduled 2026-03-28T02:00:00Z: dispatch d1 of ops/cleanup on 1 node(s)",
            "scheduled 2026-03-29T01:00:00Z: dispatch d2 of ops/cleanup on 1 node(s)");
  }

  @Test
  void skipsDSTGapTimeAtTheEndOfTheGapOnce() {
    serve(job("30 2 * * *", "Europe/Berlin", ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    moveTo("2026-03-28T12:00:00Z");
    assertThat(scheduler.tick()).contains(Instant.parse("2026-03-29T01:00:00Z"));
    moveTo("2026-03-29T01:00:00Z");
    assertThat(scheduler.tick()).contains(Instant.parse("2026-03-30T00:30:00Z"));
    assertThat(dispatcher.scheduledTimes()).containsExactly("2026-03-29T01:00:00Z");
  }

  @Test
  void aNewCronJobCountsFromWhenItIsFirstSeen() {
    moveTo("2026-11-25T05:30:00Z");
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));

    assertThat(scheduler.tick()).contains(Instant.parse("2026-11-25T06:00:00Z"));

    assertThat(dispatcher.requests()).isEmpty();
    assertThat(events(Reason.CRON_JOB_MISSED.text())).isEmpty();
  }

  @Test
  void aChangedScheduleCountsFromNow() {
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    moveTo("2026-11-25T04:30:00Z");
    serve(job("15 * * * *", "UTC", ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));

    assertThat(scheduler.tick()).contains(Instant.parse("2026-11-25T05:15:00Z"));
    assertThat(dispatcher.requests()).isEmpty();
  }

  @Test
  void suspendedFiresNothingAndUnsuspendingRunsOnceForWhatItMissed() {
    serve(job("0 * * * *", "UTC", ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE, true));
    for (String t :
        List.of("2026-11-25T03:00:00Z", "2026-11-25T04:00:00Z", "2026-11-25T05:00:00Z")) {
      moveTo(t);
      assertThat(scheduler.tick()).isEmpty();
    }
    assertThat(dispatcher.requests()).isEmpty();

    moveTo("2026-11-25T05:20:00Z");
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    scheduler.tick();

    assertThat(dispatcher.scheduledTimes()).containsExactly("2026-11-25T05:00:00Z");
    assertThat(dispatcher.requests().get(0).event()).containsEntry("missed", 1);
    assertThat(events(Reason.CRON_FIRED.text()).get(0).getMessage())
        .isEqualTo(
            "scheduled 2026-11-25T05:00:00Z: dispatch d1 of ops/cleanup on 1 node(s), late by"
                + " PT20M; 1 earlier missed time(s) folded in (misfirePolicy runOnce)");
  }

  @Test
  void unsuspendingWithSkipRunsNothingItMissed() {
    serve(job("0 * * * *", "UTC", ConcurrencyPolicy.ALLOW, MisfirePolicy.SKIP, true));
    scheduler.tick();
    moveTo("2026-11-25T05:20:00Z");
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.SKIP));

    assertThat(scheduler.tick()).contains(Instant.parse("2026-11-25T06:00:00Z"));

    assertThat(dispatcher.requests()).isEmpty();
    assertThat(events(Reason.CRON_JOB_MISSED.text()))
        .extracting(Event::getMessage)
        .containsExactly(
            "3 scheduled time(s) from 2026-11-25T03:00:00Z to 2026-11-25T05:00:00Z passed while"
                + " the reconciler was away; misfirePolicy skip: not run");
  }

  @Test
  void forbidSkipsWhileTheLastRunStillRuns() {
    serve(hourly(ConcurrencyPolicy.FORBID, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    moveTo("2026-11-25T03:00:00Z");
    scheduler.tick();
    moveTo("2026-11-25T04:00:00Z");
    scheduler.tick();
    dispatcher.finish("d1");
    moveTo("2026-11-25T05:00:00Z");
    scheduler.tick();

    assertThat(dispatcher.scheduledTimes())
        .containsExactly("2026-11-25T03:00:00Z", "2026-11-25T05:00:00Z");
    assertThat(events(Reason.CRON_JOB_SKIPPED.text()))
        .extracting(Event::getMessage, Event::getType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "run scheduled for 2026-11-25T04:00:00Z skipped: dispatch d1 still running"
                    + " (concurrencyPolicy Forbid)",
                Event.Type.NORMAL));
  }

  @Test
  void allowDispatchesAlongsideARunningOne() {
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    moveTo("2026-11-25T03:00:00Z");
    scheduler.tick();
    moveTo("2026-11-25T04:00:00Z");
    scheduler.tick();

    assertThat(dispatcher.running(Origins.cronJob("ops", "nightly"))).hasSize(2);
    assertThat(dispatcher.cancelled()).isEmpty();
    assertThat(events(Reason.CRON_JOB_SKIPPED.text())).isEmpty();
  }

  @Test
  void replaceCancelsTheRunningOneThenDispatches() {
    serve(hourly(ConcurrencyPolicy.REPLACE, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    moveTo("2026-11-25T03:00:00Z");
    scheduler.tick();
    moveTo("2026-11-25T04:00:00Z");
    scheduler.tick();

    assertThat(dispatcher.cancelled()).containsExactly("d1");
    assertThat(dispatcher.running(Origins.cronJob("ops", "nightly")))
        .extracting(d -> d.getId())
        .containsExactly("d2");
  }

  @Test
  void aFailedDispatchIsAWarningAndTheTimeIsNotRetried() {
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    dispatcher.failWith("TaskBook ops/cleanup is suspended");
    moveTo("2026-11-25T03:00:00Z");
    scheduler.tick();
    scheduler.tick();

    assertThat(events(Reason.CRON_JOB_FAILED.text()))
        .extracting(Event::getMessage, Event::getType, Event::getCount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "run scheduled for 2026-11-25T03:00:00Z not started: TaskBook ops/cleanup is"
                    + " suspended",
                Event.Type.WARNING,
                1));
  }

  @Test
  void aScheduleQuartzCannotEvaluateIsReportedOnce() {
    serve(job("0 0 */2 * 5L", "UTC", ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));

    assertThat(scheduler.tick()).isEmpty();
    moveTo("2026-11-26T00:00:00Z");
    scheduler.tick();

    assertThat(events(Reason.CRON_JOB_FAILED.text()))
        .extracting(Event::getCount, Event::getMessage)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1,
                "schedule 0 0 */2 * 5L UTC cannot be evaluated: day-of-week '5L' cannot be"
                    + " combined with a day-of-month starting with '*'"));
    assertThat(dispatcher.requests()).isEmpty();
  }

  @Test
  void acrossARestartRunOnceFiresOnceAndNeverRepeatsAFiredTime() {
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    moveTo("2026-11-25T03:00:00Z");
    scheduler.tick();

    restart();
    moveTo("2026-11-25T05:30:00Z");
    assertThat(scheduler.tick()).contains(Instant.parse("2026-11-25T06:00:00Z"));
    scheduler.tick();

    assertThat(dispatcher.scheduledTimes())
        .containsExactly("2026-11-25T03:00:00Z", "2026-11-25T05:00:00Z");
    assertThat(dispatcher.requests().get(1).event()).containsEntry("missed", 1);
    assertThat(states.load().get("ops/nightly").lastScheduled())
        .isEqualTo(Instant.parse("2026-11-25T05:00:00Z"));
    assertThat(states.load().get("ops/nightly").lastDispatch()).isEqualTo("d2");
  }

  @Test
  void acrossARestartSkipFiresNoneOfTheMissedTimes() {
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.SKIP));
    scheduler.tick();
    moveTo("2026-11-25T03:00:00Z");
    scheduler.tick();

    restart();
    moveTo("2026-11-25T05:30:00Z");
    scheduler.tick();
    moveTo("2026-11-25T06:00:00Z");
    scheduler.tick();

    assertThat(dispatcher.scheduledTimes())
        .containsExactly("2026-11-25T03:00:00Z", "2026-11-25T06:00:00Z");
    assertThat(events(Reason.CRON_JOB_MISSED.text()))
        .extracting(Event::getMessage)
        .containsExactly(
            "2 scheduled time(s) from 2026-11-25T04:00:00Z to 2026-11-25T05:00:00Z passed while"
                + " the reconciler was away; misfirePolicy skip: not run");
  }

  @Test
  void missedTimesWaitUntilTheRevisionIsKnownAfterARestart() {
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    moveTo("2026-11-25T03:00:00Z");
    scheduler.tick();

    restart();
    jobs.set(Optional.empty());
    moveTo("2026-11-25T05:30:00Z");
    assertThat(scheduler.tick()).isEmpty();
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    moveTo("2026-11-25T05:40:00Z");
    scheduler.tick();

    assertThat(dispatcher.scheduledTimes())
        .containsExactly("2026-11-25T03:00:00Z", "2026-11-25T05:00:00Z");
  }

  @Test
  void aRemovedCronJobComingBackIsNew() {
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();
    serve();
    scheduler.tick();
    moveTo("2026-11-25T05:30:00Z");
    serve(hourly(ConcurrencyPolicy.ALLOW, MisfirePolicy.RUN_ONCE));
    scheduler.tick();

    assertThat(dispatcher.requests()).isEmpty();
  }
}
