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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight real agents (in this JVM, each in its own root) join a real reconciler one by one: a
 * run-once step (target.limit 1) exports a join token on the master, the workers join with it. A
 * node joining changes no other node's plan, so the token is made once and every worker gets the
 * same one.
 */
@Timeout(300)
class JoinTokenTest {

  private static final String CLUSTER =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: cluster, namespace: ops}
      spec:
        targets: {selector: "tier=k8s"}
        steps:
          - name: join token
            action: cmd.run
            parameters:
              cmd: "echo made >> \\"$EDEN_ROOT/made\\"; cat /proc/sys/kernel/random/uuid"
            runOptions: {target: {limit: 1, selector: "role=master"}}
            export: {name: join-token, visibleTo: "role=worker"}
          - name: join
            action: file.managed
            requires: [join token]
            parameters: {path: /joined, content: "{{export 'join-token'}}"}
            runOptions: {target: {selector: "role=worker"}}
          - name: ready
            action: cmd.run
            parameters: {cmd: "true"}
            runOptions: {sync: true}   # its barrier used to list every node in every plan
      """;

  @TempDir Path tmp;
  private Reconciler reconciler;
  private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    leases.shutdownNow();
    if (reconciler != null) {
      reconciler.close();
    }
  }

  @Test
  void eightAgentsJoiningOneByOneGetOneJoinTokenFromOneRun() throws Exception {
    startReconciler();
    startAgent("master-1", "master");
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(root("master-1", "made")));
    String masterHash = reconciler.plans().plan("master-1").orElseThrow().getHash();

    List<String> workers = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      String worker = "worker-" + i;
      workers.add(worker);
      startAgent(worker, "worker");
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(root(worker, "joined")));
    }

    String token = joined("worker-1");
    assertThat(token).matches("[0-9a-f-]{36}");
    for (String worker : workers) {
      assertThat(joined(worker)).as(worker).isEqualTo(token);
    }
    assertThat(Files.readAllLines(root("master-1", "made"))).containsExactly("made");
    assertThat(reconciler.plans().plan("master-1").orElseThrow().getHash()).isEqualTo(masterHash);
    assertThat(reconciler.plans().plan("master-1").orElseThrow().getStepsList())
        .extracting(s -> s.getName())
        .containsExactly("join token", "ready");
  }

  private Path root(String node, String file) {
    return tmp.resolve("nodes").resolve(node).resolve("root").resolve(file);
  }

  private String joined(String worker) throws IOException {
    return Files.readString(root(worker, "joined")).trim();
  }

  private void startReconciler() throws Exception {
    Path repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve("cluster.yaml"), CLUSTER);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("cluster").setAuthor("t", "t@x").setCommitter("t", "t@x").call();
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
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> reconciler.store().currentRevision().isPresent());
  }

  private void startAgent(String name, String role) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("nodes").resolve(name));
    Path root = Files.createDirectories(home.resolve("root"));
    Map<String, String> labels = Map.of("tier", "k8s", "role", role);
    ManagedChannel channel =
        Grpc.newChannelBuilder(
                "127.0.0.1:" + reconciler.grpcPort(), InsecureChannelCredentials.create())
            .build();
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
    // closed in reverse: the agent first, its lease revoked while the channel is still open
    open.add(channel::shutdownNow);
    open.add(state);
    open.add(gates);
    open.add(agent);
  }
}
