package dev.eden.reconciler.react;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.RecordingDispatcher;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.AuthInterceptor;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.testkit.FakeClock;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real reconciler on a real Git repository with the real manifest compiler: an agent reports
 * events over in-process gRPC, the Trigger of the repository reacts through the Dispatcher the
 * reconciler was given, and its last reaction survives a restart.
 */
class TriggerWiringTest {

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
        match: {reason: MotdMissing, selector: "tier=web"}
        minOccurrences: 2
        window: 1m
        reReactDelay: 30s
        run: {taskBook: motd, on: emitters}
      """;

  @TempDir Path tmp;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private GitRepoFixture repo;
  private Reconciler reconciler;
  private ManagedChannel channel;

  @BeforeEach
  void repository() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("ops", Map.of("ops.yaml", OPS));
  }

  @AfterEach
  void stop() {
    stopReconciler();
    repo.close();
  }

  @Test
  void reportedEventsRunTheTaskBookOnTheEmitterAndARestartRemembersTheReaction() {
    RecordingDispatcher first = new RecordingDispatcher();
    startReconciler(first);
    register("web-1", "web");

    report("web-1");
    report("web-1");

    Dispatcher.Request request = first.next(WAIT);
    assertThat(request.taskBook()).isEqualTo("ops/motd");
    assertThat(request.nodes()).containsExactly("web-1");
    assertThat(Origins.text(request.origin())).isEqualTo("Trigger/ops/restore-motd");
    assertThat(request.event()).containsEntry("count", 2).containsEntry("node", "web-1");
    awaitTriggerEvent(
        "TriggerReacted", "ran TaskBook ops/motd on web-1 after 2 occurrences: dispatch d-1");

    stopReconciler();
    clock.advance(Duration.ofSeconds(10));
    RecordingDispatcher second = new RecordingDispatcher();
    startReconciler(second);
    report("web-1");
    report("web-1");
    repo.commit("unrelated", Map.of("README.md", "ops runbooks\n"));
    reconciler.fetchNow();

    awaitTriggerEvent(
        "TriggerSuppressed", "reReactDelay 30s: last reaction at 2026-01-01T00:00:00Z");
    assertThat(second.all()).isEmpty();

    clock.advance(Duration.ofSeconds(20));
    report("web-1");
    report("web-1");
    assertThat(second.next(WAIT).nodes()).containsExactly("web-1");
  }

  private void startReconciler(Dispatcher dispatcher) {
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL);
    String name = InProcessServerBuilder.generateName();
    reconciler =
        Reconciler.start(
            config,
            new ManifestRevisionCompiler(new Compiler(clock)),
            InProcessServerBuilder.forName(name).intercept(AuthInterceptor.insecure()),
            clock,
            new Authorizer(AuditSink.logging()),
            parts -> dispatcher);
    channel = InProcessChannelBuilder.forName(name).build();
    reconciler.fetchNow();
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

  private void register(String node, String tier) {
    agent()
        .register(
            RegisterRequest.newBuilder()
                .setNode(NodeInfo.newBuilder().setName(node).putLabels("tier", tier))
                .build());
  }

  /** What an agent's Beacon sends: a new id each time, the same content, so the store folds it. */
  private void report(String node) {
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

  private void awaitTriggerEvent(String reason, String message) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(allEvents()).contains(reason + ": " + message));
  }

  private List<String> allEvents() {
    return reconciler.store().listEvents(EventQuery.after(0)).stream()
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }

  private List<String> triggerEvents() {
    return reconciler.store().listEvents(new EventQuery("", "Trigger", "", 0, 0)).stream()
        .map(e -> e.getReason() + ": " + e.getMessage())
        .toList();
  }
}
