package dev.eden.reconciler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.Event;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

  @TempDir Path dataDir;

  private static Event occurrence(String id) {
    return Event.newBuilder()
        .setId(id)
        .setType(Event.Type.WARNING)
        .setReason("HealthzMissing")
        .setObject(EventLog.object("Beacon", "healthz-present"))
        .setNode("web-1")
        .setMessage("exit code 1")
        .build();
  }

  @Test
  void watchersAreToldOfEachOccurrenceOnceEvenWhenAnAgentResendsIt() {
    List<Long> counts = new ArrayList<>();
    try (Store store = SqliteStore.open(dataDir)) {
      EventLog log = new EventLog(store, Clock.systemUTC());
      log.watch(e -> counts.add((long) e.getCount()));
      log.record(occurrence("a"));
      log.record(occurrence("b"));
      log.record(occurrence("b"));
      log.record(occurrence("a"));
    }
    try (Store store = SqliteStore.open(dataDir)) {
      EventLog log = new EventLog(store, Clock.systemUTC());
      log.watch(e -> counts.add((long) e.getCount()));
      log.record(occurrence("b"));
      log.record(occurrence("c"));
    }
    assertThat(counts).containsExactly(1L, 2L, 3L);
  }
}
