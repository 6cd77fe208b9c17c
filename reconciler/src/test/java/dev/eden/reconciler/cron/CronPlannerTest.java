package dev.eden.reconciler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.schema.model.Spec.ConcurrencyPolicy;
import dev.eden.schema.model.Spec.CronJobSpec;
import dev.eden.schema.model.Spec.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure decisions, where a whole scheduler would be slow to set up. */
class CronPlannerTest {

  private static final Instant NOW = Instant.parse("2026-11-25T03:00:00.250Z");

  private static CronJob everySecond(MisfirePolicy misfire) {
    return new CronJob(
        "ops",
        "ticker",
        new CronJobSpec(
            "* * * * * ?",
            ZoneOffset.UTC,
            List.of("cleanup"),
            Optional.empty(),
            ConcurrencyPolicy.ALLOW,
            misfire,
            false));
  }

  @Test
  void aWeekOfMissedSecondsIsOneLateRunAndBoundedWork() {
    CronJob job = everySecond(MisfirePolicy.RUN_ONCE);
    CronState state =
        new CronState(
            job.id(), job.fingerprint(), NOW.minus(Duration.ofDays(7)), Optional.empty(), "");

    CronPlanner.Plan plan = new CronPlanner().plan(List.of(job), Map.of(job.id(), state), NOW);

    assertThat(plan.decisions()).hasSize(1);
    Decision.Fire fire = (Decision.Fire) plan.decisions().get(0);
    assertThat(fire.late()).isTrue();
    assertThat(fire.missed()).isEqualTo(CronPlanner.MAX_DUE - 1);
    assertThat(plan.changed()).extracting(CronState::lastScheduled).containsExactly(NOW);
    assertThat(plan.nextDue()).contains(Instant.parse("2026-11-25T03:00:01Z"));
  }

  @Test
  void theNewestTimeWithinTheThresholdFiresAndSkipReportsTheOlderOnes() {
    CronJob job = everySecond(MisfirePolicy.SKIP);
    CronState state =
        new CronState(
            job.id(),
            job.fingerprint(),
            Instant.parse("2026-11-25T02:57:00Z"),
            Optional.empty(),
            "");

    CronPlanner.Plan plan = new CronPlanner().plan(List.of(job), Map.of(job.id(), state), NOW);

    assertThat(plan.decisions())
        .containsExactly(
            new Decision.Fire(job, Instant.parse("2026-11-25T03:00:00Z"), 0, false),
            new Decision.Missed(
                job,
                Instant.parse("2026-11-25T02:57:01Z"),
                Instant.parse("2026-11-25T02:59:59Z"),
                179));
  }
}
