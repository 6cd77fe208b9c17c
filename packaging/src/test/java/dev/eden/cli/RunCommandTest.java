package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.agent.Agent;
import dev.eden.agent.AgentConfig;
import dev.eden.agent.action.Actions;
import dev.eden.agent.coord.StepGates;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.facts.FactsCollector;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.LocalState;
import dev.eden.common.retry.Backoff;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eden run} against a real reconciler on 127.0.0.1 and three real agents in this JVM, each
 * acting in its own root: the dispatch reaches only the chosen nodes, each runs it once, and {@code
 * --wait} follows them to the end.
 */
class RunCommandTest {

  private static final String MANIFESTS =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: marker, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - name: mark
            action: cmd.run
            parameters: {cmd: "echo {{node.name}} >> \\"$EDEN_ROOT/marker\\""}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: broken, namespace: ops}
      spec:
        mode: manual
        targets: {nodes: [web-1], selector: "tier=web"}
        steps:
          - name: fail
            action: cmd.run
            parameters: {cmd: "echo disk full >&2; exit 3"}
      """;

  @TempDir Path tmp;
  private Reconciler reconciler;
  private String server;
  private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor();
  private final Map<String, List<AutoCloseable>> agents = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    Path repo = tmp.resolve("repo");
    try (GitRepoFixture git = GitRepoFixture.create(repo)) {
      git.commit("ops", Map.of("ops.yaml", MANIFESTS));
    }
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.toString(), "main", "", tmp.resolve("data"))
            .withPoll(Duration.ofHours(1));
    reconciler =
        Reconciler.start(
            config,
            new ManifestRevisionCompiler(new Compiler()),
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
            Clock.systemUTC());
    server = "127.0.0.1:" + reconciler.grpcPort();
    startAgent("web-1", "a");
    startAgent("web-2", "a");
    startAgent("web-3", "b");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                reconciler.plans().all().keySet().containsAll(List.of("web-1", "web-2", "web-3")));
  }

  private void startAgent(String name, String zone) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("nodes").resolve(name));
    Path root = Files.createDirectories(home.resolve("root"));
    Map<String, String> labels = Map.of("tier", "web", "zone", zone);
    ManagedChannel channel =
        Grpc.newChannelBuilder(server, InsecureChannelCredentials.create()).build();
    LocalState state = LocalState.open(home.resolve("data"));
    StepGates gates = StepGates.connected(channel, name, labels, leases);
    ProcessRunner runner = new ProcessRunner();
    Executor executor =
        new Executor(
            Actions.standard(), runner, Clock.systemUTC(), Optional.of(state), true, gates);
    AgentConfig cfg =
        AgentConfig.of(name).withLabels(labels).withRoot(root).withInterval(Duration.ofHours(1));
    Agent agent =
        new Agent(
            cfg,
            channel,
            state,
            executor,
            FactsCollector.system(Optional.of(home.resolve("data")), runner),
            Backoff.unbounded(cfg.backoffInitial(), cfg.backoffMax()).attempts(new Random()),
            r -> {});
    agent.start();
    // closed in this order: the lease is revoked while the channel is still open
    List<AutoCloseable> open = List.of(agent, gates, state, channel::shutdownNow);
    agents.put(name, open);
  }

  private void stopAgent(String name) throws Exception {
    for (AutoCloseable c : agents.remove(name)) {
      c.close();
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (String name : List.copyOf(agents.keySet())) {
      stopAgent(name);
    }
    leases.shutdownNow();
    reconciler.close();
  }

  private String marker(String node) throws IOException {
    Path f = tmp.resolve("nodes").resolve(node).resolve("root").resolve("marker");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  @Test
  void runWaitFollowsTheChosenNodesToSuccessAndEachRunsItOnce() throws Exception {
    CliRun run = CliRun.eden("run", "marker", "--selector", "zone=a", "--wait", "--server", server);

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0))
        .matches("dispatch [0-9a-f-]{36}: TaskBook ops/marker on 2 node\\(s\\)");
    assertThat(lines.get(1)).isEqualTo("NODE    STATE       RUN        MESSAGE");
    assertThat(lines.get(2)).isEqualTo("web-1   Pending     -");
    assertThat(run.out())
        .containsPattern("web-1   Succeeded   [0-9a-f]{8}   1 changed, 0 unchanged")
        .containsPattern("web-2   Succeeded   [0-9a-f]{8}   1 changed, 0 unchanged")
        .endsWith("2 node(s) succeeded\n");
    assertThat(marker("web-1")).isEqualTo("web-1\n");
    assertThat(marker("web-2")).isEqualTo("web-2\n");
    assertThat(marker("web-3")).isEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> reconciler.plans().plan("web-1").orElseThrow().getDispatchedCount() == 0);
    assertThat(marker("web-1")).isEqualTo("web-1\n");
  }

  @Test
  void aFailingStepFailsTheRunWithItsReason() {
    CliRun run = CliRun.eden("run", "ops/broken", "--wait", "--server", server, "-o", "json");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"state\": \"Failed\"")
        .contains("\"taskbook\": \"ops/broken\"");
    assertThat(run.err())
        .startsWith("eden run: 1 of 1 node(s) did not succeed; web-1 Failed: step 'fail': ")
        .contains("exit");
  }

  @Test
  void waitingEndsAtTheTimeoutWhenAnAgentIsAway() throws Exception {
    stopAgent("web-3");

    CliRun run =
        CliRun.eden(
            "run", "marker", "-l", "zone=b", "--wait", "--timeout", "1s", "--server", server);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("eden run: timed out after 1s: 1 of 1 node(s) still pending: web-3\n");
  }

  @Test
  void unknownTaskBookIsNotFound() {
    CliRun run = CliRun.eden("run", "nope", "--server", server);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("NOT_FOUND: TaskBook nope not found in revision main@sha1:");
    assertThat(RunCommand.written(Duration.ofMinutes(10))).isEqualTo("10m");
  }
}
