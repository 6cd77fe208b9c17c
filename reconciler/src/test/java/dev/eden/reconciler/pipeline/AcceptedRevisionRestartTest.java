package dev.eden.reconciler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.TaskBookCompiler;
import dev.eden.reconciler.cron.CronJob;
import dev.eden.reconciler.cron.RevisionCronJobs;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.RecordingDispatcher;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.AuthInterceptor;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.schema.load.SourceTree;
import dev.eden.testkit.FakeClock;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart the holder, restored once at start-up from the store and the clone, serves the
 * last accepted revision to CronJobs, Triggers and dispatches; nothing else loads manifests and
 * nothing compiles for it.
 */
class AcceptedRevisionRestartTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String OPS =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: motd, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, content: "welcome to {{node.name}}"}
      ---
      apiVersion: v1alpha
      kind: Trigger
      metadata: {name: restore-motd, namespace: ops}
      spec:
        match: {reason: MotdMissing}
        minOccurrences: 1
        run: {taskBook: motd, on: emitters}
      ---
      apiVersion: v1alpha
      kind: CronJob
      metadata: {name: nightly, namespace: ops}
      spec: {schedule: "0 3 * * *", timeZone: UTC, taskBook: motd}
      """;

  @TempDir Path tmp;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Reconciler reconciler;
  private ManagedChannel channel;

  @AfterEach
  void stop() {
    stopReconciler();
  }

  @Test
  void theRestoredRevisionServesCronTriggersAndDispatchesWithoutLoadingAgain() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String sha = repo.commit("ops", Map.of("ops.yaml", OPS));
      startReconciler(repo, new Counting(), new RecordingDispatcher());
      // the poller's first fetch may have accepted it already: either way it serves now
      assertThat(reconciler.fetchNow().revisionOrNull().getAccepted()).isTrue();
      assertThat(reconciler.accepted().current()).isPresent();
      agent()
          .register(
              RegisterRequest.newBuilder()
                  .setNode(NodeInfo.newBuilder().setName("web-1").putLabels("tier", "web"))
                  .build());
      stopReconciler();

      Counting restarted = new Counting();
      RecordingDispatcher runs = new RecordingDispatcher();
      startReconciler(repo, restarted, runs);

      AcceptedRevision serving = reconciler.accepted().current().orElseThrow();
      assertThat(serving.id()).isEqualTo("main@sha1:" + sha);
      assertThat(serving.plans()).containsKey("web-1");
      assertThat(new RevisionCronJobs(reconciler.accepted()).current().orElseThrow().jobs())
          .extracting(CronJob::name)
          .containsExactly("nightly");
      assertThat(
              reconciler
                  .dispatcher()
                  .dispatch(
                      new Dispatcher.Request(
                          "ops/motd",
                          Optional.empty(),
                          Set.of("web-1"),
                          Origins.user("test"),
                          Map.of()))
                  .getNodesList())
          .extracting(DispatchNode::getNode)
          .containsExactly("web-1");
      motdMissing("web-1");
      assertThat(runs.next(WAIT).taskBook()).isEqualTo("ops/motd");

      assertThat(restarted.loads).hasValue(1); // the restore, once
      assertThat(restarted.compiles).hasValue(0);
    }
  }

  private void startReconciler(GitRepoFixture repo, Counting compiler, Dispatcher runs) {
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL);
    String name = InProcessServerBuilder.generateName();
    reconciler =
        Reconciler.start(
            config,
            compiler,
            InProcessServerBuilder.forName(name).intercept(AuthInterceptor.insecure()),
            clock,
            new Authorizer(AuditSink.logging()),
            parts -> runs);
    channel = InProcessChannelBuilder.forName(name).build();
  }

  private void stopReconciler() {
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
    if (reconciler != null) {
      reconciler.close();
      reconciler = null;
    }
  }

  private AgentServiceGrpc.AgentServiceBlockingStub agent() {
    return AgentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private void motdMissing(String node) {
    agent()
        .reportEvents(
            ReportEventsRequest.newBuilder()
                .addEvents(
                    Event.newBuilder()
                        .setId(UUID.randomUUID().toString())
                        .setType(Event.Type.WARNING)
                        .setReason("MotdMissing")
                        .setObject(
                            ObjectRef.newBuilder()
                                .setKind("Beacon")
                                .setNamespace("ops")
                                .setName("motd-present"))
                        .setNode(node)
                        .setMessage("check failed: /etc/motd missing"))
                .build());
  }

  /** The real compiler, counting how often the pipeline loads and compiles through it. */
  private final class Counting implements RevisionCompiler {
    private final ManifestRevisionCompiler real = new ManifestRevisionCompiler(new Compiler(clock));
    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger compiles = new AtomicInteger();

    @Override
    public Loaded load(String revision, SourceTree tree) {
      loads.incrementAndGet();
      return real.load(revision, tree);
    }

    @Override
    public CompileOutcome compile(CompileRequest request) {
      compiles.incrementAndGet();
      return real.compile(request);
    }

    @Override
    public TaskBookCompiler taskBooks() {
      return real;
    }
  }
}
