package dev.eden.reconciler.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.pipeline.SyncResult;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.testkit.FakeClock;
import dev.eden.testkit.GitRepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole reconciler on a real Git repository and a fake clock: its CronJob fires, the reconciler
 * stops, time passes two scheduled times, and the restarted reconciler (whose compiler has not
 * compiled anything yet) runs once for them and never again for the time it had fired.
 */
class CronAcrossRestartTest {

  private static final String MANIFESTS =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: cleanup, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - name: tidy
            action: cmd.run
            parameters: {cmd: "true"}
      ---
      apiVersion: v1alpha
      kind: CronJob
      metadata: {name: nightly, namespace: ops}
      spec: {schedule: "0 * * * *", timeZone: UTC, taskBook: cleanup, misfirePolicy: runOnce}
      """;

  @TempDir Path tmp;

  @Test
  void aRestartedReconcilerRunsOnceForTheTimesItMissed() {
    FakeClock clock = new FakeClock(Instant.parse("2026-11-25T02:30:00Z"));
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("cron", Map.of("ops/cleanup.yaml", MANIFESTS));
      ReconcilerConfig config =
          ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
              .withPoll(InProcessReconciler.NO_POLL);
      try (InProcessReconciler r = start(config, clock)) {
        assertThat(r.reconciler().fetchNow()).isNotInstanceOf(SyncResult.Rejected.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> seen(config));
        clock.advance(Duration.ofMinutes(30));
        repo.commit("touch", Map.of("ops/README", "cleanup every hour"));
        assertThat(r.reconciler().fetchNow()).isInstanceOf(SyncResult.Accepted.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> failures(r).size() == 1);
      }

      clock.advance(Duration.ofMinutes(150));
      try (InProcessReconciler r = start(config, clock)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> failures(r).size() == 2);
        assertThat(failures(r))
            .extracting(Event::getMessage)
            .containsExactly(
                // the real dispatcher answers: this repository has no node for the TaskBook
                "run scheduled for 2026-11-25T03:00:00Z not started:"
                    + " TaskBook ops/cleanup targets no node",
                "run scheduled for 2026-11-25T05:00:00Z not started:"
                    + " TaskBook ops/cleanup targets no node");
      }
    }
  }

  private static InProcessReconciler start(ReconcilerConfig config, FakeClock clock) {
    return InProcessReconciler.start(
        config, new ManifestRevisionCompiler(new Compiler(clock)), clock);
  }

  /** The reconciler's scheduler has seen the CronJob (at 02:30: it counts from there). */
  private static boolean seen(ReconcilerConfig config) {
    try (SqliteCronStateStore states =
        SqliteCronStateStore.open(config.dataDir().resolve("cron.db"))) {
      return states.load().containsKey("ops/nightly");
    }
  }

  private static List<Event> failures(InProcessReconciler r) {
    return r
        .reconciler()
        .store()
        .listEvents(new EventQuery("", EventKinds.CRON_JOB, "nightly", 0, 0))
        .stream()
        .filter(e -> e.getReason().equals(Reason.CRON_JOB_FAILED.text()))
        .toList();
  }
}
