package dev.eden.e2e;

import static org.awaitility.Awaitility.await;

import dev.eden.cli.ClientConfig;
import dev.eden.cli.demo.DemoRepo;
import dev.eden.cli.demo.EdenProcess;
import dev.eden.cli.demo.FleetView;
import dev.eden.cli.demo.SandboxAgent;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.CreateTokenRequest;
import dev.eden.proto.Event;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.ListRunsRequest;
import dev.eden.proto.RunSummary;
import dev.eden.proto.TrustAdminServiceGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end test kit: a real Git repository, a reconciler and agents as real processes, each
 * agent acting inside its own {@code --root}, and a gRPC channel to the reconciler.
 */
final class Fleet implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  final Path work;
  final DemoRepo repo;
  final int grpcPort;
  final int httpPort;
  private ManagedChannel channel;
  private final Map<String, EdenProcess> agents = new LinkedHashMap<>();
  private EdenProcess reconciler;

  private Fleet(Path work, DemoRepo repo) throws IOException {
    this.work = work;
    this.repo = repo;
    this.grpcPort = EdenProcess.freePort();
    this.httpPort = EdenProcess.freePort();
  }

  /** A repository made of {@code files} (path → content), committed on {@code main}. */
  static Fleet withRepository(Path work, Map<String, String> files) throws IOException {
    Path source = Files.createDirectories(work.resolve("source"));
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = source.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return new Fleet(work, DemoRepo.create(source, work.resolve("repo")));
  }

  /** Starts (or restarts after {@link #killReconciler()}) the reconciler on the same data dir. */
  void startReconciler(String poll, String... extra) throws IOException {
    List<String> source = new java.util.ArrayList<>(List.of("--repo", repo.dir().toString()));
    source.addAll(List.of("--poll", poll));
    source.addAll(List.of(extra));
    startReconciler(source);
  }

  /** Starts a reconciler that hosts the repository: {@code git push} to {@link #gitUrl}. */
  void startHostedReconciler() throws IOException {
    startReconciler(List.of("--hosted"));
  }

  /** The hosted repository's URL with {@code token} as the HTTP Basic password. */
  String gitUrl(String token) {
    return "http://eden:" + token + "@127.0.0.1:" + httpPort + "/git";
  }

  private void startReconciler(List<String> source) throws IOException {
    if (reconciler != null) {
      reconciler.restart();
      return;
    }
    List<String> args = new java.util.ArrayList<>(List.of("reconciler"));
    args.addAll(source);
    args.addAll(
        List.of(
            "--data-dir",
            work.resolve("reconciler").toString(),
            "--listen",
            "127.0.0.1:" + grpcPort,
            "--http",
            "127.0.0.1:" + httpPort));
    reconciler =
        EdenProcess.start(
            "reconciler",
            Files.createDirectories(work.resolve("logs")).resolve("reconciler.log"),
            List.of("-Xmx256m", "-XX:+UseSerialGC"),
            args.toArray(String[]::new));
  }

  void killReconciler() throws InterruptedException {
    reconciler.kill();
  }

  /** Starts a long-running agent named {@code name} with {@code labels}. */
  EdenProcess startAgent(String name, String labels, String... extra) throws IOException {
    EdenProcess p = new SandboxAgent(work, name, labels).start(grpcPort, "1h", this::token, extra);
    agents.put(name, p);
    return p;
  }

  /** Runs {@code eden agent --once} for {@code name} and returns its exit code. */
  int runAgentOnce(String name, String labels) throws IOException, InterruptedException {
    try (EdenProcess p =
        new SandboxAgent(work, name, labels).start(grpcPort, "1h", this::token, "--once")) {
      return p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
  }

  EdenProcess agent(String name) {
    return agents.get(name);
  }

  Path root(String node) {
    return new SandboxAgent(work, node, "").root();
  }

  Path dataDir(String node) {
    return new SandboxAgent(work, node, "").dataDir();
  }

  /**
   * The admin's mutual-TLS channel, from the {@code admin.conf} the reconciler writes on first
   * start.
   */
  synchronized ManagedChannel channel() {
    if (channel == null) {
      Path conf = work.resolve("reconciler").resolve("admin.conf");
      await("admin.conf").atMost(PATIENCE).until(() -> Files.exists(conf));
      channel = ClientConfig.load(conf).channel();
    }
    return channel;
  }

  /** A one-time enrollment token, as {@code eden token create} prints it. */
  String token() {
    return TrustAdminServiceGrpc.newBlockingStub(channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .createToken(CreateTokenRequest.newBuilder().setTtlSeconds(600).build())
        .getToken();
  }

  /** A reusable push token for the hosted repository, as {@code eden token create --push}. */
  String pushToken() {
    return TrustAdminServiceGrpc.newBlockingStub(channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .createToken(
            CreateTokenRequest.newBuilder()
                .setGitAccess(CreateTokenRequest.GitAccess.GIT_PUSH)
                .build())
        .getToken();
  }

  FleetView view() {
    return FleetView.fetch(channel())
        .orElseThrow(() -> new AssertionError("reconciler unreachable"));
  }

  /** Waits until the reconciler serves {@code commit} and every node in {@code names} converged. */
  FleetView awaitConverged(String commit, List<String> names) {
    return await("convergence on " + commit.substring(0, 7) + " of " + names)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> FleetView.fetch(channel()).orElse(null),
            v -> v != null && v.currentCommit().equals(commit) && v.allConverged(names));
  }

  List<RunSummary> runs(String node) {
    return ControlServiceGrpc.newBlockingStub(channel())
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .listRuns(ListRunsRequest.newBuilder().setNode(node).setLimit(1000).build())
        .getRunsList();
  }

  List<Event> events() {
    return ControlServiceGrpc.newBlockingStub(channel())
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .listEvents(ListEventsRequest.newBuilder().setLimit(1000).build())
        .getEventsList();
  }

  String headCommit() throws IOException {
    try (var git = org.eclipse.jgit.api.Git.open(repo.dir().toFile())) {
      return git.getRepository().resolve("HEAD").getName();
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.shutdownNow();
    }
    agents.values().forEach(EdenProcess::close);
    if (reconciler != null) {
      reconciler.close();
    }
  }
}
