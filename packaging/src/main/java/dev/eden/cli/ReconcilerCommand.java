package dev.eden.cli;

import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.SiteOptions;
import dev.eden.reconciler.events.EventRetention;
import dev.eden.reconciler.hosted.GitCredentials;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import dev.eden.reconciler.review.forge.ForgeConfig;
import dev.eden.reconciler.review.forge.ForgeKind;
import dev.eden.reconciler.source.GitSourceConfig;
import dev.eden.reconciler.source.VerificationConfig;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.GrpcSecurity;
import dev.eden.reconciler.trust.Trust;
import dev.eden.reconciler.trust.TrustOptions;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

  @Option(
      names = "--repo",
      paramLabel = "URL|PATH",
      description = "Repository to fetch (or --hosted).")
  String repo;

  @Option(
      names = "--hosted",
      description =
          "Keep the repository in <data-dir>/git and take git push over HTTP at /git on the"
              + " --http port (a token from eden token create --push as the password); every push"
              + " is validated and compiled before the branch moves.")
  boolean hosted;

  @Option(
      names = "--allow-force-push",
      description = "With --hosted: accept non-fast-forward pushes.")
  boolean allowForcePush;

  @Option(
      names = "--max-push-size",
      defaultValue = "268435456",
      paramLabel = "BYTES",
      description = "With --hosted: the largest pack a push may send (default: ${DEFAULT-VALUE}).")
  long maxPushSize;

  @Option(
      names = "--bundle-dir",
      paramLabel = "DIR",
      description =
          "With --hosted: import every *.bundle file dropped here (eden bundle create), then move"
              + " it to DIR/done/ or DIR/failed/ with a .log beside it.")
  Path bundleDir;

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
      description =
          "POST /hooks/git and /hooks/alertmanager require 'Authorization: Bearer <token in"
              + " FILE>' or an X-Hub-Signature-256 HMAC made with it; without it /hooks/git is"
              + " open and /hooks/alertmanager refuses every request.")
  Path webhookTokenFile;

  @Option(
      names = "--event-retention",
      defaultValue = "7d",
      paramLabel = "AGE",
      converter = DurationConverter.class,
      description = "Delete events that last happened longer ago (default: ${DEFAULT-VALUE}).")
  Duration eventRetention;

  @Option(
      names = "--event-max",
      defaultValue = "100000",
      paramLabel = "COUNT",
      description = "Keep at most this many events, the newest (default: ${DEFAULT-VALUE}).")
  int eventMax;

  @Option(
      names = "--insecure",
      description =
          "Serve gRPC in plaintext without authentication (any client can claim to be any node)."
              + " Logs a warning on start.")
  boolean insecure;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description = "Use this CA (PEM) instead of the one made in <data-dir>/pki; with --ca-key.")
  Path caCert;

  @Option(names = "--ca-key", paramLabel = "FILE", description = "The key of --ca-cert (PEM).")
  Path caKey;

  @Option(
      names = "--tls-san",
      paramLabel = "NAME|IP",
      description =
          "Another DNS name or IP address for the server certificate (repeatable); localhost,"
              + " 127.0.0.1 and the host name are always in it.")
  List<String> tlsSans = new ArrayList<>();

  @Option(
      names = "--forge",
      paramLabel = "github|gitlab|gitea",
      description =
          "Preview pull requests on this forge: a commit status eden/plan and one comment per pull"
              + " request, from pull-request events on POST /hooks/git.")
  String forge;

  @Option(
      names = "--forge-api",
      paramLabel = "URL",
      description =
          "The forge's API (default: https://api.github.com, https://gitlab.com/api/v4; Gitea:"
              + " required, e.g. https://gitea.example.org/api/v1).")
  URI forgeApi;

  @Option(
      names = "--forge-repo",
      paramLabel = "OWNER/NAME",
      description = "The repository on the forge whose pull requests are previewed.")
  String forgeRepo;

  @Option(
      names = "--forge-token-file",
      paramLabel = "FILE",
      description = "A forge API token allowed to set commit statuses and write comments.")
  Path forgeTokenFile;

  @Option(
      names = "--verify-commits",
      paramLabel = "ALLOWED_SIGNERS",
      description =
          "Accept only commits signed by a key in this OpenSSH allowed-signers file (as git's"
              + " gpg.ssh.allowedSignersFile); others are rejected with a VerificationFailed"
              + " event.")
  Path allowedSigners;

  @Option(
      names = "--verify-gpg-keys",
      paramLabel = "FILE",
      description = "Also accept commits signed by these OpenPGP public keys (armored).")
  Path gpgKeys;

  @Option(
      names = "--verify-mode",
      defaultValue = "all",
      paramLabel = "head|all",
      description =
          "all: every new commit since the last accepted revision must be signed; head: only the"
              + " new head (default: ${DEFAULT-VALUE}).")
  String verifyMode;

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
    Clock clock = Clock.systemUTC();
    try (GrpcSecurity security = security(clock);
        Reconciler reconciler =
            Reconciler.start(
                config,
                compiler,
                security.configure(NettyServerBuilder.forAddress(listen.address())),
                clock,
                security.authorizer())) {
      Optional<Trust> trust = security.trust();
      trust.ifPresent(reconciler::showPendingEnrollments);
      acceptGitCredentials(reconciler, trust);
      Thread hook = new Thread(stop::countDown, "eden-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      int port = reconciler.grpcPort();
      int httpPort = reconciler.http().map(h -> h.address().getPort()).orElse(-1);
      String mode =
          trust
              .map(t -> "mtls admin-config=" + t.writeAdminConfigIfAbsent(clientAddress(port)))
              .orElse("insecure");
      spec.commandLine()
          .getOut()
          .printf(
              "eden reconciler ready: grpc=%s http=%s branch=%s data-dir=%s security=%s%n",
              new HostPort(listen.host(), port),
              new HostPort(http.host(), httpPort),
              config.source().branch(),
              dataDir,
              mode);
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

  /** Push tokens for --hosted; with --insecure anyone may push, as anyone may call gRPC. */
  private void acceptGitCredentials(Reconciler reconciler, Optional<Trust> trust) {
    if (trust.isPresent()) {
      reconciler.acceptGitCredentials(trust.get().gitTokens());
    } else if (hosted) {
      spec.commandLine()
          .getErr()
          .println("eden reconciler: WARNING: --insecure --hosted: anyone can push to /git");
      reconciler.acceptGitCredentials(GitCredentials.anybody());
    }
  }

  private GrpcSecurity security(Clock clock) {
    if (insecure) {
      return GrpcSecurity.insecure(AuditSink.logging());
    }
    TrustOptions options = TrustOptions.defaults(dataDir).withTlsSans(tlsSans);
    if (caCert != null || caKey != null) {
      if (caCert == null || caKey == null) {
        throw new IllegalArgumentException("--ca-cert and --ca-key go together");
      }
      options = options.withCa(caCert, caKey);
    }
    return GrpcSecurity.mutualTls(options, clock, AuditSink.logging());
  }

  /** The address clients should dial: the listen host, or loopback for a wildcard listen. */
  private String clientAddress(int port) {
    String host = listen.host();
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
    return new HostPort(wildcard ? "127.0.0.1" : host, port).toString();
  }

  private ReconcilerConfig config() {
    if (eventMax < 1) {
      throw new IllegalArgumentException("--event-max must be at least 1, got " + eventMax);
    }
    if (hosted == (repo != null)) {
      throw new IllegalArgumentException(
          hosted
              ? "--hosted keeps the repository itself: drop --repo (push to /git instead)"
              : "give --repo URL|PATH, or --hosted to take git push");
    }
    if (bundleDir != null && !hosted) {
      throw new IllegalArgumentException(
          "--bundle-dir needs --hosted: bundles are imported into the repository the reconciler"
              + " keeps");
    }
    if (bundleDir != null && !Files.isDirectory(bundleDir)) {
      throw new IllegalArgumentException(
          "--bundle-dir "
              + bundleDir
              + ": no such directory; create it (mkdir -p "
              + bundleDir
              + ")");
    }
    String token = Optional.ofNullable(System.getenv(GIT_TOKEN_ENV)).orElse("");
    ReconcilerConfig base =
        new ReconcilerConfig(
            new GitSourceConfig(hosted ? "" : repo, branch, path, dataDir.resolve("git"), token),
            dataDir,
            poll,
            Optional.empty(),
            Optional.empty(),
            ReconcilerConfig.DEFAULT_KEEPALIVE,
            ReconcilerConfig.DEFAULT_HEARTBEAT,
            new EventRetention(eventRetention, eventMax));
    ReconcilerConfig config = base.withHttp(http.address(), webhookToken()).withSite(site());
    return forge == null ? config : config.withForge(forgeConfig());
  }

  /** The forge options; an unreadable token is not fatal: previews then fail, saying why. */
  private ForgeConfig forgeConfig() {
    ForgeKind kind = ForgeKind.of(forge);
    if (forgeRepo == null) {
      throw new IllegalArgumentException("--forge needs --forge-repo OWNER/NAME");
    }
    URI api = forgeApi;
    if (api == null) {
      api =
          switch (kind) {
            case GITHUB -> URI.create("https://api.github.com");
            case GITLAB -> URI.create("https://gitlab.com/api/v4");
            case GITEA ->
                throw new IllegalArgumentException(
                    "--forge gitea needs --forge-api https://HOST/api/v1");
          };
    }
    String problem = "";
    Optional<String> token = Optional.empty();
    if (forgeTokenFile == null) {
      problem = "no --forge-token-file";
    } else {
      try {
        String t = Files.readString(forgeTokenFile, StandardCharsets.UTF_8).trim();
        token = t.isEmpty() ? Optional.empty() : Optional.of(t);
        problem = t.isEmpty() ? "forge token file " + forgeTokenFile + " is empty" : "";
      } catch (IOException e) {
        problem = "cannot read forge token file " + forgeTokenFile + ": " + e.getMessage();
      }
    }
    return new ForgeConfig(kind, api, forgeRepo, token, problem, ForgeConfig.Retry.defaults());
  }

  private SiteOptions site() {
    VerificationConfig verification =
        new VerificationConfig(
            Optional.ofNullable(allowedSigners),
            Optional.ofNullable(gpgKeys),
            VerificationConfig.Mode.parse(verifyMode));
    SiteOptions site = SiteOptions.defaults().withVerification(verification);
    if (!hosted) {
      return site;
    }
    SiteOptions hostedSite = site.hosting(allowForcePush, maxPushSize);
    return bundleDir == null ? hostedSite : hostedSite.withBundleDir(bundleDir);
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
