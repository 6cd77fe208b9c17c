package dev.eden.reconciler.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.common.Reason;
import dev.eden.proto.CronJobInfo;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Event;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.ListCronJobsRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunTrigger;
import dev.eden.proto.StepResult;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CronJob with {@code taskBooks: [drain, patch]} on a whole reconciler (real Git, the real
 * dispatcher, SQLite) and a fake clock: {@code patch}, on its own targets, starts only once {@code
 * drain} succeeded on every node, and not at all when it failed on one.
 */
class CronTaskBooksInOrderTest {

  private static final String MANIFESTS =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: drain, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - {name: drain, action: cmd.run, parameters: {cmd: "echo drain"}}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: patch, namespace: ops}
      spec:
        mode: manual
        targets: {nodes: [web-2]}
        steps:
          - {name: patch, action: cmd.run, parameters: {cmd: "echo patch"}}
      ---
      apiVersion: v1alpha
      kind: CronJob
      metadata: {name: nightly, namespace: ops}
      spec: {schedule: "0 * * * *", taskBooks: [drain, patch]}
      """;

  @TempDir Path tmp;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T02:30:00Z"));
  private GitRepoFixture repo;
  private ReconcilerConfig config;
  private InProcessReconciler r;

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("cron", Map.of("ops/nightly.yaml", MANIFESTS));
    config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL);
    r = InProcessReconciler.start(config, new ManifestRevisionCompiler(new Compiler(clock)), clock);
    assertThat(r.reconciler().fetchNow()).isNotInstanceOf(SyncResult.Rejected.class);
    for (String node : List.of("web-1", "web-2")) {
      r.agent()
          .register(
              RegisterRequest.newBuilder()
                  .setNode(NodeInfo.newBuilder().setName(node).putLabels("tier", "web"))
                  .build());
    }
    await().atMost(Duration.ofSeconds(30)).until(this::seen);
  }

  @AfterEach
  void stop() {
    r.close();
    repo.close();
  }

  @Test
  void secondTaskBookStartsOnItsOwnTargetsWhenTheFirstSucceededEverywhere() {
    String drain = fireAt0300();
    assertThat(r.reconciler().dispatcher().get(drain).orElseThrow().getTaskbook())
        .isEqualTo("ops/drain");
    assertThat(dispatchedTaskBooks("web-2")).containsExactly("ops/drain");

    CronJobInfo listed =
        r.control().listCronJobs(ListCronJobsRequest.getDefaultInstance()).getCronjobs(0);
    assertThat(listed.getName()).isEqualTo("ops/nightly");
    assertThat(listed.getTaskbooksList()).containsExactly("ops/drain", "ops/patch");
    assertThat(listed.getNextFire())
        .isEqualTo(EventLog.timestamp(Instant.parse("2026-11-25T04:00:00Z")));
    assertThat(listed.getLastDispatch().getId()).isEqualTo(drain);
    assertThat(listed.getLastEvent().getReason()).isEqualTo(Reason.CRON_FIRED.text());

    report("web-1", drain, StepResult.Status.CHANGED);
    assertThat(fired()).hasSize(1);
    report("web-2", drain, StepResult.Status.CHANGED);

    await().atMost(Duration.ofSeconds(30)).until(() -> fired().size() == 2);
    String second = fired().get(1).getMessage();
    assertThat(second)
        .startsWith("scheduled 2026-11-25T03:00:00Z: dispatch ")
        .endsWith(" of ops/patch on 1 node(s) (TaskBook 2 of 2)");
    assertThat(dispatchedTaskBooks("web-2")).containsExactly("ops/patch");
    assertThat(dispatchedTaskBooks("web-1")).isEmpty();
    assertThat(
            r.control()
                .listCronJobs(ListCronJobsRequest.getDefaultInstance())
                .getCronjobs(0)
                .getLastDispatch()
                .getTaskbook())
        .isEqualTo("ops/patch");
  }

  @Test
  void secondTaskBookIsNotStartedWhenTheFirstFailedOnANode() {
    String drain = fireAt0300();
    report("web-1", drain, StepResult.Status.CHANGED);
    report("web-2", drain, StepResult.Status.FAILED);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !events(Reason.CRON_JOB_FAILED.text()).isEmpty());
    assertThat(events(Reason.CRON_JOB_FAILED.text()))
        .extracting(Event::getMessage)
        .containsExactly(
            "run scheduled for 2026-11-25T03:00:00Z: ops/patch not started: dispatch "
                + drain
                + " of ops/drain did not succeed on every node (web-2 Failed)");
    assertThat(fired()).hasSize(1);
    assertThat(dispatchedTaskBooks("web-2")).isEmpty();
  }

  /** Moves past 03:00 and wakes the loop with a new revision; returns the first dispatch's id. */
  private String fireAt0300() {
    clock.advance(Duration.ofMinutes(30));
    repo.commit("touch", Map.of("ops/README", "nightly"));
    assertThat(r.reconciler().fetchNow()).isInstanceOf(SyncResult.Accepted.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> fired().size() == 1);
    assertThat(fired().get(0).getMessage())
        .startsWith("scheduled 2026-11-25T03:00:00Z: dispatch ")
        .endsWith(" of ops/drain on 2 node(s) (TaskBook 1 of 2)");
    List<DispatchStatus> running =
        r.reconciler().dispatcher().running(Origins.cronJob("ops", "nightly"));
    assertThat(running).hasSize(1);
    return running.get(0).getId();
  }

  private List<String> dispatchedTaskBooks(String node) {
    return r
        .agent()
        .getPlan(GetPlanRequest.newBuilder().setNode(node).build())
        .getPlan()
        .getDispatchedList()
        .stream()
        .flatMap(d -> d.getStepsList().stream())
        .map(PlanStep::getTaskbook)
        .toList();
  }

  private void report(String node, String dispatchId, StepResult.Status status) {
    String revision =
        r.agent()
            .getPlan(GetPlanRequest.newBuilder().setNode(node).build())
            .getPlan()
            .getRevision();
    RunReport report =
        RunReport.newBuilder()
            .setRunId(UUID.randomUUID().toString())
            .setNode(node)
            .setRevision(revision)
            .setDispatchId(dispatchId)
            .setTrigger(RunTrigger.RUN_TRIGGER_DISPATCH)
            .addSteps(
                StepResult.newBuilder()
                    .setStepId(dispatchId + "/ops/drain/drain")
                    .setName("drain")
                    .setStatus(status)
                    .setMessage(status.name()))
            .build();
    r.agent().reportRun(ReportRunRequest.newBuilder().setReport(report).build());
  }

  private boolean seen() {
    try (SqliteCronStateStore states =
        SqliteCronStateStore.open(config.dataDir().resolve("cron.db"))) {
      return states.load().containsKey("ops/nightly");
    }
  }

  private List<Event> fired() {
    return events(Reason.CRON_FIRED.text());
  }

  private List<Event> events(String reason) {
    return r
        .reconciler()
        .store()
        .listEvents(new EventQuery("", EventKinds.CRON_JOB, "nightly", 0, 0))
        .stream()
        .filter(e -> e.getReason().equals(reason))
        .toList();
  }
}
