package dev.eden.reconciler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCronStateStoreTest {

  @TempDir Path tmp;

  @Test
  void statesSurviveReopeningAndRemovedJobsAreForgotten() {
    Path file = tmp.resolve("data").resolve("cron.db");
    Instant t = Instant.parse("2026-11-25T03:00:00Z");
    CronState a = new CronState("ops/a", "0 3 * * * UTC", t, Optional.empty(), "");
    CronState b = new CronState("ops/b", "@daily UTC", t, Optional.of(t), "d7");
    try (SqliteCronStateStore store = SqliteCronStateStore.open(file)) {
      store.save(List.of(a, b), Set.of());
      store.recordFire("ops/a", t.plusSeconds(1), "d8");
      store.recordFire("ops/gone", t, "d9");
      store.save(List.of(), Set.of("ops/b"));
    }
    try (SqliteCronStateStore store = SqliteCronStateStore.open(file)) {
      assertThat(store.load())
          .containsOnlyKeys("ops/a")
          .containsEntry(
              "ops/a",
              new CronState("ops/a", "0 3 * * * UTC", t, Optional.of(t.plusSeconds(1)), "d8"));
    }
  }
}
