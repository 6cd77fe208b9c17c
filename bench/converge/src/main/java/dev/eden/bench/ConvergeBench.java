package dev.eden.bench;

import dev.eden.agent.Agent;
import dev.eden.agent.AgentConfig;
import dev.eden.agent.action.Actions;
import dev.eden.agent.coord.StepGates;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.facts.FactsCollector;
import dev.eden.common.retry.Backoff;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.LocalState;
import dev.eden.cli.demo.DemoRepo;
import dev.eden.cli.demo.EdenProcess;
import dev.eden.cli.demo.GitHook;
import dev.eden.cli.demo.FleetView;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

/**
 * Time from {@code git commit} to every node converged: a reconciler as its own process
 * (plaintext, hook-triggered, polling once an hour) and N agents in this JVM, each with its own
 * root, data folder and connection. Prints the figures; asserts nothing.
 */
public final class ConvergeBench {
  private static final String TASKBOOK =
      """
      apiVersion: v1alpha
      kind: NodeGroup
      metadata: {name: web}
      spec: {selector: "tier=web"}
      ---
      apiVersion: v1alpha
      kind: Variable
      metadata: {name: web, namespace: bench}
      spec: {nodeGroups: [web], values: {maxConnections: 256}}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: web, namespace: bench}
      spec:
        targets: {nodeGroups: [web]}
        steps:
          - name: etc
            action: directory
            parameters: {path: /etc/app}
          - name: config
            action: file.managed
            requires: [etc]
            parameters:
              path: /etc/app/app.conf
              content: "node={{node.name}}\\nmax_connections={{vars.maxConnections}}\\n"
      """;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path work = Files.createTempDirectory("eden-converge-");
    Path source = Files.createDirectories(work.resolve("source"));
    Files.writeString(source.resolve("web.yaml"), TASKBOOK);
    DemoRepo repo = DemoRepo.create(source, work.resolve("repo"));
    int grpc = EdenProcess.freePort();
    int http = EdenProcess.freePort();
    try (EdenProcess reconciler =
        EdenProcess.start(
            "reconciler",
            work.resolve("reconciler.log"),
            List.of("-Xmx512m"),
            "reconciler", "--insecure", "--repo", repo.dir().toString(),
            "--data-dir", work.resolve("data").toString(),
            "--listen", "127.0.0.1:" + grpc, "--http", "127.0.0.1:" + http, "--poll", "1h")) {
      run(n, work, repo, grpc, http, reconciler);
    }
  }

  private static void run(int n, Path work, DemoRepo repo, int grpc, int http, EdenProcess rec)
      throws Exception {
    ManagedChannel control =
        Grpc.newChannelBuilder("127.0.0.1:" + grpc, InsecureChannelCredentials.create()).build();
    List<String> names = new ArrayList<>();
    List<AutoCloseable> open = new ArrayList<>();
    ScheduledExecutorService leases = Executors.newScheduledThreadPool(2);
    long t0 = System.nanoTime();
    for (int i = 1; i <= n; i++) {
      names.add(startAgent("web-" + i, work, grpc, leases, open));
    }
    String first = await(control, names, headCommit(repo));
    System.out.printf("agents=%d first converge (JVM-internal agents starting)=%.2f s%n", n,
        (System.nanoTime() - t0) / 1e9);
    for (int round = 1; round <= 3; round++) {
      long start = System.nanoTime();
      String commit =
          repo.replaceAndCommit("web.yaml", "maxConnections: " + (128 << round),
              "maxConnections: " + (256 << round), "round " + round);
      postHook(http);
      await(control, names, commit);
      System.out.printf("agents=%d round=%d commit->all converged=%.2f s reconciler_rss=%s%n",
          n, round, (System.nanoTime() - start) / 1e9, rss(rec.pid()));
    }
    System.out.println("(first commit " + first.substring(0, 7) + "; logs in " + work + ")");
    for (AutoCloseable c : open) {
      c.close();
    }
    leases.shutdownNow();
    control.shutdownNow();
  }

  private static String startAgent(
      String name, Path work, int grpc, ScheduledExecutorService leases, List<AutoCloseable> open)
      throws IOException {
    Path home = Files.createDirectories(work.resolve("nodes").resolve(name));
    Path root = Files.createDirectories(home.resolve("root"));
    Map<String, String> labels = Map.of("tier", "web");
    ManagedChannel channel =
        Grpc.newChannelBuilder("127.0.0.1:" + grpc, InsecureChannelCredentials.create()).build();
    LocalState state = LocalState.open(home.resolve("data"));
    StepGates gates = StepGates.connected(channel, name, labels, leases);
    ProcessRunner runner = new ProcessRunner();
    Executor executor =
        new Executor(Actions.standard(), runner, Clock.systemUTC(), Optional.of(state), true, gates);
    AgentConfig cfg =
        AgentConfig.of(name).withLabels(labels).withRoot(root).withInterval(Duration.ofHours(1));
    Agent agent =
        new Agent(cfg, channel, state, executor,
            FactsCollector.system(Optional.of(home.resolve("data")), runner),
            Backoff.unbounded(cfg.backoffInitial(), cfg.backoffMax()).attempts(new Random()), r -> {});
    agent.start();
    open.add(agent);
    open.add(gates);
    open.add(state);
    open.add(channel::shutdownNow);
    return name;
  }

  private static String await(ManagedChannel control, List<String> names, String commit)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      Optional<FleetView> v = FleetView.fetch(control);
      if (v.isPresent() && v.get().currentCommit().equals(commit) && v.get().allConverged(names)) {
        return commit;
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling resolution of the measurement
    }
    throw new IllegalStateException("not converged on " + commit + " within 10 minutes");
  }

  private static String headCommit(DemoRepo repo) throws IOException {
    try (var git = org.eclipse.jgit.api.Git.open(repo.dir().toFile())) {
      return git.getRepository().resolve("HEAD").getName();
    }
  }

  private static void postHook(int http) throws IOException, InterruptedException {
    GitHook.post(http, Optional.empty());
  }

  private static String rss(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(l -> l.startsWith("VmRSS:"))
        .map(l -> l.replaceAll("\\s+", " ").substring(7))
        .findFirst()
        .orElse("?");
  }

}
