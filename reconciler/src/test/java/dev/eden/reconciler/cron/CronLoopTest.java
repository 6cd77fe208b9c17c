package dev.eden.reconciler.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.schema.model.Spec.ConcurrencyPolicy;
import dev.eden.schema.model.Spec.CronJobSpec;
import dev.eden.schema.model.Spec.MisfirePolicy;
import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production thread: it ticks on its own at the next scheduled time and on a new revision. */
class CronLoopTest {

  @TempDir Path tmp;

  private static CronJobSource serving(String schedule) {
    CronJob job =
        new CronJob(
            "ops",
            "nightly",
            new CronJobSpec(
                schedule,
                ZoneOffset.UTC,
                List.of("cleanup"),
                Optional.empty(),
                ConcurrencyPolicy.ALLOW,
                MisfirePolicy.RUN_ONCE,
                false));
    return () -> Optional.of(new CronJobSource.Jobs("main@sha1:abc", List.of(job)));
  }

  @Test
  void anAcceptedRevisionWakesTheLoop() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-25T02:30:00Z"));
    RecordingDispatcher dispatcher = new RecordingDispatcher();
    try (SqliteStore store = SqliteStore.open(tmp);
        SqliteCronStateStore states = SqliteCronStateStore.open(tmp.resolve("cron.db"))) {
      EventLog events = new EventLog(store, clock);
      CronLoop loop = CronLoop.start(serving("0 * * * *"), states, dispatcher, events, clock);
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> !states.load().isEmpty());
        clock.advance(Duration.ofMinutes(30));
        events.emit(
            Event.Type.NORMAL,
            Reason.REVISION_ACCEPTED,
            EventLog.object(EventKinds.REVISION, "main@sha1:def"),
            "",
            "main@sha1:def",
            "revision main@sha1:def accepted");

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.requests().size() == 1);
      } finally {
        loop.close();
      }
      assertThat(dispatcher.scheduledTimes()).containsExactly("2026-11-25T03:00:00Z");
    }
  }

  @Test
  void ticksByItselfAtTheNextScheduledTime() {
    RecordingDispatcher dispatcher = new RecordingDispatcher();
    Clock clock = Clock.systemUTC();
    try (SqliteStore store = SqliteStore.open(tmp);
        SqliteCronStateStore states = SqliteCronStateStore.open(tmp.resolve("cron.db"))) {
      EventLog events = new EventLog(store, clock);
      CronLoop loop = CronLoop.start(serving("* * * * * ?"), states, dispatcher, events, clock);
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.requests().size() >= 2);
      } finally {
        loop.close();
      }
      List<String> times = dispatcher.scheduledTimes();
      assertThat(Instant.parse(times.get(1))).isAfter(Instant.parse(times.get(0)));
    }
  }
}
