package dev.eden.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.common.WireText;
import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.GetPlanResponse;
import dev.eden.proto.ListNodesRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodeStatus;
import dev.eden.proto.PlanUpdate;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RegisterResponse;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import dev.eden.proto.WatchPlanRequest;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentServiceTest {

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private InProcessReconciler r;

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("first", Map.of("all.txt", "echo {{role}}"));
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL)
            .withKeepAlive(Duration.ofMillis(100));
    r = InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC());
    r.awaitRevision();
  }

  @AfterEach
  void stop() {
    r.close();
    repo.close();
  }

  private RegisterResponse register(String name, String role) {
    return r.agent()
        .register(
            RegisterRequest.newBuilder()
                .setNode(NodeInfo.newBuilder().setName(name).putLabels("role", role))
                .build());
  }

  @Test
  void registerAnswersWithThePlanHash() {
    RegisterResponse answer = register("web-1", "web");

    assertThat(answer.getPlanHash()).isNotEmpty();
    assertThat(answer.getRevision()).startsWith("main@sha1:");
    assertThat(answer.getHeartbeatMs()).isPositive();
  }

  @Test
  void getPlanWithTheKnownHashIsNotModified() {
    String hash = register("web-1", "web").getPlanHash();

    GetPlanResponse full = r.agent().getPlan(GetPlanRequest.newBuilder().setNode("web-1").build());
    GetPlanResponse same =
        r.agent().getPlan(GetPlanRequest.newBuilder().setNode("web-1").setKnownHash(hash).build());

    assertThat(full.getNotModified()).isFalse();
    assertThat(full.getPlan().getHash()).isEqualTo(hash);
    assertThat(full.getPlan().getSteps(0).getAction()).isEqualTo("cmd.run");
    assertThat(same.getNotModified()).isTrue();
    assertThat(same.hasPlan()).isFalse();
  }

  @Test
  void unknownNodeAndMissingNameAreRefusedWithTheirCodes() {
    assertThatThrownBy(
            () -> r.agent().getPlan(GetPlanRequest.newBuilder().setNode("nobody").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThatThrownBy(() -> r.agent().register(RegisterRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void watchPlanPushesTheNewHashAfterACommitAndSendsKeepAlives() {
    String hash = register("web-1", "web").getPlanHash();
    Iterator<PlanUpdate> updates =
        AgentServiceGrpc.newBlockingStub(r.channel())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .watchPlan(WatchPlanRequest.newBuilder().setNode("web-1").setKnownHash(hash).build());

    PlanUpdate keepAlive = updates.next();
    assertThat(keepAlive.getKeepalive()).isTrue();
    assertThat(keepAlive.getHash()).isEqualTo(hash);

    String sha = repo.commit("second", Map.of("all.txt", "echo changed {{role}}"));
    r.reconciler().fetchNow();

    PlanUpdate next = updates.next();
    while (next.getKeepalive()) {
      next = updates.next();
    }
    assertThat(next.getHash()).isNotEqualTo(hash);
    assertThat(next.getRevision()).isEqualTo("main@sha1:" + sha);
  }

  @Test
  void watchPlanSendsTheCurrentHashAtOnceWhenTheAgentHasAnother() {
    String hash = register("web-1", "web").getPlanHash();
    Iterator<PlanUpdate> updates =
        AgentServiceGrpc.newBlockingStub(r.channel())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .watchPlan(WatchPlanRequest.newBuilder().setNode("web-1").setKnownHash("old").build());

    PlanUpdate first = updates.next();
    assertThat(first.getKeepalive()).isFalse();
    assertThat(first.getHash()).isEqualTo(hash);
  }

  @Test
  void watchPlanEndsAtTheDeadlineAndOnCancellation() {
    register("web-1", "web");
    Iterator<PlanUpdate> expiring =
        AgentServiceGrpc.newBlockingStub(r.channel())
            .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
            .watchPlan(WatchPlanRequest.newBuilder().setNode("web-1").build());
    assertThatThrownBy(
            () -> {
              while (expiring.hasNext()) {
                expiring.next();
              }
            })
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

    Context.CancellableContext context = Context.current().withCancellation();
    AtomicReference<Iterator<PlanUpdate>> holder = new AtomicReference<>();
    context.run(
        () ->
            holder.set(
                AgentServiceGrpc.newBlockingStub(r.channel())
                    .watchPlan(WatchPlanRequest.newBuilder().setNode("web-1").build())));
    Iterator<PlanUpdate> cancelled = holder.get();
    assertThat(cancelled.next().getKeepalive()).isFalse();
    context.cancel(null);
    assertThatThrownBy(cancelled::next).isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void reportRunIsIdempotentAndDrivesTheNodeState() {
    String hash = register("web-1", "web").getPlanHash();
    assertThat(WireText.of(state("web-1").getState())).isEqualTo("Reconciling");

    RunReport run = run("run-1", hash, StepResult.Status.CHANGED);
    assertThat(
            r.agent()
                .reportRun(ReportRunRequest.newBuilder().setReport(run).build())
                .getDuplicate())
        .isFalse();
    assertThat(
            r.agent()
                .reportRun(ReportRunRequest.newBuilder().setReport(run).build())
                .getDuplicate())
        .isTrue();
    assertThat(r.reconciler().store().listRuns("web-1", 10)).hasSize(1);
    NodeStatus ready = state("web-1");
    assertThat(WireText.of(ready.getState())).isEqualTo("Ready");
    assertThat(ready.getReason()).isEqualTo("ReconciliationSucceeded");
    assertThat(ready.getLastRun().getChanged()).isEqualTo(1);

    r.agent()
        .reportRun(
            ReportRunRequest.newBuilder()
                .setReport(run("run-2", hash, StepResult.Status.FAILED).toBuilder().setRunNumber(2))
                .build());
    assertThat(WireText.of(state("web-1").getState())).isEqualTo("Stalled");

    register("web-1", "db");
    r.agent()
        .reportRun(
            ReportRunRequest.newBuilder()
                .setReport(
                    run("run-3", hash, StepResult.Status.UNCHANGED).toBuilder().setRunNumber(3))
                .build());
    assertThat(WireText.of(state("web-1").getState())).isEqualTo("Reconciling");
  }

  private NodeStatus state(String node) {
    return r.control().listNodes(ListNodesRequest.getDefaultInstance()).getNodesList().stream()
        .filter(n -> n.getName().equals(node))
        .findFirst()
        .orElseThrow();
  }

  private static RunReport run(String id, String hash, StepResult.Status status) {
    return RunReport.newBuilder()
        .setRunId(id)
        .setNode("web-1")
        .setRunNumber(1)
        .setPlanHash(hash)
        .setRevision("main@sha1:x")
        .addSteps(StepResult.newBuilder().setStepId("s").setName("run").setStatus(status))
        .build();
  }
}
