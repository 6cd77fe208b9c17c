package dev.eden.reconciler.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodePresenceTest {

  private static final Duration HEARTBEAT = Duration.ofSeconds(30);
  private static final Duration LOST_AFTER = HEARTBEAT.multipliedBy(3);

  @TempDir Path data;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T12:00:00Z"));
  private Store store;
  private EventLog events;

  @BeforeEach
  void open() {
    store = SqliteStore.open(data);
    events = new EventLog(store, clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void register(String node) {
    store.saveNode(NodeInfo.newBuilder().setName(node).build(), clock.instant());
  }

  private List<String> story() {
    return events.list(EventQuery.after(0)).stream()
        .map(e -> e.getReason() + " " + e.getNode() + " " + e.getType())
        .toList();
  }

  @Test
  void aNodeSilentForThreeHeartbeatsIsLostOnceAndRecoversWhenSeen() {
    NodePresence presence = new NodePresence(store, events, clock, LOST_AFTER);
    register("web-1");
    register("web-2");

    clock.advance(LOST_AFTER);
    assertThat(presence.check()).as("exactly 3 heartbeats is not yet lost").isEmpty();
    store.touchNode("web-2", clock.instant());
    clock.advance(Duration.ofSeconds(1));
    assertThat(presence.check()).containsExactly("web-1");
    clock.advance(HEARTBEAT);
    store.touchNode("web-2", clock.instant());
    assertThat(presence.check()).as("once per loss").isEmpty();

    clock.advance(Duration.ofMinutes(2));
    store.touchNode("web-1", clock.instant());
    presence.seen("web-1");
    presence.seen("web-1");

    assertThat(story()).containsExactly("NodeLost web-1 WARNING", "NodeRecovered web-1 NORMAL");
    List<Event> stored = events.list(EventQuery.after(0));
    assertThat(stored.get(0).getMessage())
        .isEqualTo("node web-1 not seen for 1m31s (lost after 1m30s)");
    assertThat(stored.get(0).getObject().getKind()).isEqualTo("Node");
    assertThat(stored.get(0).getObject().getName()).isEqualTo("web-1");
    assertThat(stored.get(1).getMessage()).isEqualTo("node web-1 is back after 2m30s lost");
  }

  @Test
  void aRecoveredNodeIsLostAgainOnItsNextSilence() {
    NodePresence presence = new NodePresence(store, events, clock, LOST_AFTER);
    register("web-1");
    for (int loss = 0; loss < 2; loss++) {
      clock.advance(LOST_AFTER.plusSeconds(1));
      presence.check();
      store.touchNode("web-1", clock.instant());
      presence.seen("web-1");
    }

    assertThat(events.list(EventQuery.after(0)))
        .extracting(e -> e.getReason() + ":" + e.getCount())
        .containsExactly("NodeLost:2", "NodeRecovered:2");
  }

  @Test
  void nothingIsLostUntilThreeHeartbeatsAfterTheReconcilerStarted() {
    register("web-1");
    clock.advance(Duration.ofHours(1));
    NodePresence presence = new NodePresence(store, events, clock, LOST_AFTER);

    assertThat(presence.check()).isEmpty();
    clock.advance(LOST_AFTER);
    assertThat(presence.check()).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(presence.check()).containsExactly("web-1");
  }

  @Test
  void aLossIsNotReportedAgainAfterARestart() {
    NodePresence before = new NodePresence(store, events, clock, LOST_AFTER);
    register("web-1");
    clock.advance(LOST_AFTER.plusSeconds(1));
    assertThat(before.check()).containsExactly("web-1");

    store.close();
    clock.advance(Duration.ofHours(1));
    store = SqliteStore.open(data);
    events = new EventLog(store, clock);
    NodePresence after = new NodePresence(store, events, clock, LOST_AFTER);
    clock.advance(LOST_AFTER.plusSeconds(1));

    assertThat(after.check()).isEmpty();
    assertThat(story()).containsExactly("NodeLost web-1 WARNING");
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(NodePresence.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(NodePresence.human(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(NodePresence.human(Duration.ofHours(2).plusMillis(400))).isEqualTo("2h");
    assertThat(NodePresence.human(Duration.ofSeconds(-3))).isEqualTo("0s");
  }
}
