package dev.eden.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.agent.action.Actions;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.facts.FactsCollector;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.BeaconRecord;
import dev.eden.agent.state.LocalState;
import dev.eden.common.retry.Backoff;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.WatchEventsRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beacons from a Git repository to a real agent and back to a real reconciler (in-process gRPC,
 * SQLite stores): each occurrence is stored and watched, and none is lost while the reconciler is
 * away.
 */
class BeaconEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String BEACONS =
      """
      apiVersion: v1alpha
      kind: Beacon
      metadata: {name: motd-missing, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        interval: 200ms
        check: {action: cmd.run, parameters: {cmd: "test -f \\"$EDEN_ROOT/etc/motd\\""}}
        emit: {reason: MotdMissing, on: failure}
      ---
      apiVersion: v1alpha
      kind: Beacon
      metadata: {name: motd-state, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        interval: 200ms
        check: {action: file.managed, parameters: {path: /etc/motd, content: "hello\\n"}}
        emit: {reason: MotdDrift, on: change}
      """;

  @TempDir Path tmp;
  final String serverName = InProcessServerBuilder.generateName();
  Path root;
  Path repo;
  LocalState state;
  Reconciler reconciler;
  ManagedChannel channel;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root/etc")).getParent();
    repo = tmp.resolve("repo");
    try (GitRepoFixture git = GitRepoFixture.create(repo)) {
      git.commit("beacons", Map.of("beacons.yaml", BEACONS));
    }
    channel = InProcessChannelBuilder.forName(serverName).build();
    state = LocalState.open(tmp.resolve("agent"));
    startReconciler();
  }

  @AfterEach
  void tearDown() {
    channel.shutdownNow();
    if (reconciler != null) {
      reconciler.close();
    }
    state.close();
  }

  private void startReconciler() {
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.toString(), "main", "", tmp.resolve("reconciler"))
            .withPoll(Duration.ofHours(1));
    reconciler =
        Reconciler.start(
            config,
            new ManifestRevisionCompiler(new Compiler()),
            InProcessServerBuilder.forName(serverName),
            Clock.systemUTC());
  }

  private Agent agent() {
    AgentConfig cfg =
        AgentConfig.of("web-1")
            .withLabels(Map.of("tier", "web"))
            .withRoot(root)
            .withInterval(Duration.ofHours(1))
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    Executor ex =
        new Executor(
            Actions.standard(), new ProcessRunner(), Clock.systemUTC(), Optional.of(state), true);
    FactsCollector facts =
        FactsCollector.system(Optional.of(tmp.resolve("agent")), new ProcessRunner());
    return new Agent(
        cfg,
        channel,
        state,
        ex,
        facts,
        Backoff.unbounded(cfg.backoffInitial(), cfg.backoffMax()).attempts(new Random(1)),
        r -> {});
  }

  private List<Event> stored(String beacon) {
    return ControlServiceGrpc.newBlockingStub(channel)
        .listEvents(
            ListEventsRequest.newBuilder().setObjectKind("Beacon").setObjectName(beacon).build())
        .getEventsList();
  }

  /** Every event the reconciler's watch sends, from the first stored one on. */
  private List<Event> watchAll(Context.CancellableContext ctx) {
    List<Event> seen = new CopyOnWriteArrayList<>();
    ctx.run(
        () ->
            ControlServiceGrpc.newStub(channel)
                .watchEvents(
                    WatchEventsRequest.getDefaultInstance(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(Event e) {
                        seen.add(e);
                      }

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    }));
    return seen;
  }

  @Test
  void eachFailureIsStoredAndWatchedAndNothingIsLostWhileTheReconcilerIsAway() throws Exception {
    Context.CancellableContext watch = Context.current().withCancellation();
    List<Event> watched = watchAll(watch);
    try (Agent agent = agent()) {
      agent.start();
      await()
          .atMost(WAIT)
          .until(() -> stored("motd-missing").stream().anyMatch(e -> e.getCount() >= 3));
      Event missing = stored("motd-missing").get(0);
      assertThat(missing.getType()).isEqualTo(Event.Type.WARNING);
      assertThat(missing.getReason()).isEqualTo("MotdMissing");
      assertThat(missing.getNode()).isEqualTo("web-1");
      assertThat(missing.getObject().getNamespace()).isEqualTo("ops");
      assertThat(missing.getLabelsMap()).containsEntry("result", "fail");
      List<Integer> counts =
          watched.stream()
              .filter(e -> e.getReason().equals("MotdMissing"))
              .map(Event::getCount)
              .toList();
      assertThat(counts)
          .as("the watch is told of every occurrence: %s", watched)
          .containsSubsequence(1, 2, 3);
      await().atMost(WAIT).until(() -> stored("motd-state").size() == 1);
      assertThat(stored("motd-state").get(0).getMessage()).startsWith("drift: ");
      watch.cancel(null);

      reconciler.close();
      reconciler = null;
      Files.writeString(root.resolve("etc/motd"), "hello\n");
      await()
          .atMost(WAIT)
          .until(() -> state.lastBeacon("ops/motd-state").map(BeaconRecord::passed).orElse(false));
      assertThat(state.outboxSize()).as("the recovery waits in the outbox").isPositive();

      startReconciler();
      // the channel fails fast until it notices the server is back
      await().atMost(WAIT).ignoreExceptions().until(() -> stored("motd-state").size() == 2);
      Event recovered = stored("motd-state").get(1);
      assertThat(recovered.getType()).isEqualTo(Event.Type.NORMAL);
      assertThat(recovered.getReason()).isEqualTo("MotdDrift");
      assertThat(recovered.getLabelsMap()).containsEntry("result", "pass");
      await().atMost(WAIT).until(() -> state.outboxSize() == 0);
    }
  }
}
