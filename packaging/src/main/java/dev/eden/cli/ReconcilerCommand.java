package dev.eden.cli;

import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import dev.eden.reconciler.source.GitSourceConfig;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eden reconciler}: watch a Git repository and serve per-node plans to agents. */
@Command(
    name = "reconciler",
    mixinStandardHelpOptions = true,
    description = "Watch a Git repository, compile a plan for every node and serve it over gRPC.")
final class ReconcilerCommand implements Callable<Integer> {

  /** The environment variable holding an https token for the repository. */
  static final String GIT_TOKEN_ENV = "EDEN_GIT_TOKEN";

  @Spec CommandSpec spec;

  @Option(names = "--repo", required = true, paramLabel = "URL|PATH", description = "Repository.")
  String repo;

  @Option(
      names = "--branch",
      defaultValue = "main",
      description = "Branch (default: ${DEFAULT-VALUE}).")
  String branch;

  @Option(names = "--path", defaultValue = "", paramLabel = "DIR", description = "Sub-path.")
  String path;

  @Option(
      names = "--data-dir",
      defaultValue = "eden-data",
      paramLabel = "DIR",
      description = "Store and clone (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--listen",
      defaultValue = "0.0.0.0:7420",
      paramLabel = "HOST:PORT",
      converter = HostPort.Converter.class,
      description = "gRPC for agents and the CLI (default: ${DEFAULT-VALUE}).")
  HostPort listen;

  @Option(
      names = "--http",
      defaultValue = "127.0.0.1:7421",
      paramLabel = "HOST:PORT",
      converter = HostPort.Converter.class,
      description = "Webhooks, /metrics, /healthz (default: ${DEFAULT-VALUE}).")
  HostPort http;

  @Option(
      names = "--poll",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "Fetch interval (default: ${DEFAULT-VALUE}).")
  Duration poll;

  @Option(
      names = "--webhook-token-file",
      paramLabel = "FILE",
      description = "POST /hooks/git then requires 'Authorization: Bearer <token in FILE>'.")
  Path webhookTokenFile;

  private final Supplier<RevisionCompiler> compilers;
  private final CountDownLatch stop = new CountDownLatch(1);

  ReconcilerCommand() {
    this(Compilers::forRepository);
  }

  ReconcilerCommand(Supplier<RevisionCompiler> compilers) {
    this.compilers = compilers;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    RevisionCompiler compiler = compilers.get();
    ReconcilerConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      err.println("eden reconciler: " + e.getMessage());
      return Eden.EXIT_USAGE;
    }
    try (Reconciler reconciler =
        Reconciler.start(
            config, compiler, NettyServerBuilder.forAddress(listen.address()), Clock.systemUTC())) {
      Thread hook = new Thread(stop::countDown, "eden-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      int port = reconciler.grpcPort();
      int httpPort = reconciler.http().map(h -> h.address().getPort()).orElse(-1);
      spec.commandLine()
          .getOut()
          .printf(
              "eden reconciler ready: grpc=%s http=%s branch=%s data-dir=%s%n",
              new HostPort(listen.host(), port),
              new HostPort(http.host(), httpPort),
              config.source().branch(),
              dataDir);
      spec.commandLine().getOut().flush();
      awaitStop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook is what stopped us
      }
      return 0;
    } catch (RuntimeException e) {
      err.println("eden reconciler: " + e.getMessage());
      return 1;
    }
  }

  private ReconcilerConfig config() {
    String token = Optional.ofNullable(System.getenv(GIT_TOKEN_ENV)).orElse("");
    ReconcilerConfig base =
        new ReconcilerConfig(
            new GitSourceConfig(repo, branch, path, dataDir.resolve("git"), token),
            dataDir,
            poll,
            Optional.empty(),
            Optional.empty(),
            ReconcilerConfig.DEFAULT_KEEPALIVE,
            ReconcilerConfig.DEFAULT_HEARTBEAT);
    return base.withHttp(http.address(), webhookToken());
  }

  private Optional<String> webhookToken() {
    if (webhookTokenFile == null) {
      return Optional.empty();
    }
    try {
      String token = Files.readString(webhookTokenFile, StandardCharsets.UTF_8).trim();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("webhook token file " + webhookTokenFile + " is empty");
      }
      return Optional.of(token);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read webhook token file " + webhookTokenFile + ": " + e, e);
    }
  }

  private void awaitStop() {
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Makes a running {@link #call()} return (tests; the shutdown hook does it in production). */
  void stop() {
    stop.countDown();
  }
}
