package dev.eden.reconciler.coord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMembershipRecordsTest extends MembershipRecordsContract {

  @TempDir Path dir;

  @Override
  protected CoordinationStore newStore(FakeClock clock) {
    return SqliteCoordinationStore.open(dir.resolve("coord.db"), clock);
  }

  @Test
  void recordsSurviveReopening() {
    PlanStep sync =
        PlanStep.newBuilder()
            .setId("ops/t/s")
            .setTaskbook("ops/t")
            .setRunOptions(RunOptions.newBuilder().setSync(true))
            .build();
    store.recordMembers(
        Memberships.ofRevision(R1, Map.of("n1", NodePlan.newBuilder().addSteps(sync).build())));
    store.close();

    store = newStore(new FakeClock(Instant.parse("2026-01-01T00:00:00Z")));

    assertThat(
            store.membership(MemberKey.ofRevision("ops/t", "ops/t/s", R1)).orElseThrow().members())
        .containsExactly("n1");
  }
}
