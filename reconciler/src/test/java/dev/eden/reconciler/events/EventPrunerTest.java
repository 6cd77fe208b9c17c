package dev.eden.reconciler.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.store.PrunedEvents;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventPrunerTest {

  @TempDir Path data;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T12:00:00Z"));

  private static void emit(EventLog log, String message) {
    log.emit(
        Event.Type.NORMAL, Reason.PLAN_CHANGED, EventLog.object("Node", "a"), "a", "", message);
  }

  @Test
  void keepsTheNewestMaxThenDropsWhatIsOlderThanTheRetention() {
    try (Store store = SqliteStore.open(data)) {
      EventLog log = new EventLog(store, clock);
      EventPruner pruner = new EventPruner(store, clock, new EventRetention(Duration.ofDays(7), 3));
      for (int i = 1; i <= 5; i++) {
        emit(log, "old " + i);
        clock.advance(Duration.ofDays(1));
      }
      emit(log, "new");

      assertThat(pruner.prune()).isEqualTo(new PrunedEvents(0, 3));
      assertThat(log.list(EventQuery.after(0)))
          .extracting(Event::getMessage)
          .containsExactly("old 4", "old 5", "new");

      clock.advance(Duration.ofDays(5).minusSeconds(1));
      assertThat(pruner.prune())
          .as("old 4 happened 7 days ago, to the second")
          .isEqualTo(new PrunedEvents(0, 0));
      clock.advance(Duration.ofSeconds(2));
      assertThat(pruner.prune()).isEqualTo(new PrunedEvents(1, 0));
      clock.advance(Duration.ofDays(7));
      assertThat(pruner.prune()).isEqualTo(new PrunedEvents(2, 0));
      assertThat(log.list(EventQuery.after(0))).isEmpty();
    }
  }

  @Test
  void retentionMustBePositive() {
    assertThatThrownBy(() -> new EventRetention(Duration.ZERO, 10))
        .hasMessageContaining("event retention must be positive");
    assertThatThrownBy(() -> new EventRetention(Duration.ofDays(1), 0))
        .hasMessageContaining("event max must be at least 1, got 0");
  }
}
