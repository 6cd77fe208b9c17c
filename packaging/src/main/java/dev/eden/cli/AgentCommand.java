package dev.eden.cli;

import dev.eden.agent.Agent;
import dev.eden.agent.AgentConfig;
import dev.eden.agent.action.Actions;
import dev.eden.agent.coord.StepGates;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.facts.FactsCollector;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.report.RunPrinter;
import dev.eden.agent.state.LocalState;
import dev.eden.agent.trust.AgentTrust;
import dev.eden.agent.trust.CertificateRenewal;
import dev.eden.agent.trust.Enroller;
import dev.eden.agent.trust.EnrollmentFailedException;
import dev.eden.agent.trust.EnrollmentToken;
import dev.eden.agent.trust.NodeCredentials;
import dev.eden.agent.trust.NodePki;
import dev.eden.agent.trust.Pause;
import dev.eden.agent.trust.RenewableChannel;
import dev.eden.common.retry.Backoff;
import dev.eden.common.time.Durations;
import dev.eden.proto.RunReport;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code eden agent}: pull this node's plan from the reconciler and keep it applied. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Pull this node's plan from the reconciler, apply it, and keep it applied.")
final class AgentCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--server", required = true, description = "Reconciler address HOST:PORT.")
  String server;

  @Option(names = "--name", required = true, description = "This node's name.")
  String name;

  @Option(names = "--labels", split = ",", description = "Static labels k=v,k2=v2.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--data-dir",
      description = "State folder (default /var/lib/eden/agent, or under --root when set).")
  Path dataDir;

  @Option(names = "--root", description = "Act inside DIR as if it were / (default /).")
  Path root = Path.of("/");

  @Option(names = "--once", description = "Register, fetch, apply once, report, exit.")
  boolean once;

  @Option(names = "--interval", description = "Re-apply (drift correction) every (default 30m).")
  String interval = "30m";

  @Option(names = "--dry-run", description = "Say what would change; change nothing.")
  boolean dryRun;

  @Option(
      names = {"-o", "--output"},
      description = "text (default) or json.")
  String output = "text";

  @Option(
      names = "--enroll",
      paramLabel = "TOKEN",
      defaultValue = "${env:EDEN_ENROLL_TOKEN}",
      description =
          "One-time token from 'eden token create' (<secret>.<CA hash>) for the first start"
              + " (default: $EDEN_ENROLL_TOKEN, which keeps it off the command line); without"
              + " one the agent waits for 'eden nodes approve NAME'.")
  String enroll;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      description = "The reconciler's CA certificate, when the token carries no CA hash.")
  Path caCert;

  @Option(
      names = "--insecure",
      description = "Plaintext, no identity: only for a reconciler run with --insecure.")
  boolean insecure;

  @Override
  public Integer call() throws java.io.IOException, InterruptedException {
    Duration every;
    try {
      every = Durations.require(interval.trim(), "--interval");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!output.equals("text") && !output.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--output must be text or json");
    }
    Path rootDir = root.toAbsolutePath().normalize();
    Files.createDirectories(rootDir);
    Path data = dataDir != null ? dataDir : AgentPaths.defaultDataDir(rootDir);
    AgentConfig cfg =
        AgentConfig.of(name)
            .withLabels(labels)
            .withRoot(rootDir)
            .withDryRun(dryRun)
            .withInterval(every);
    Optional<Link> link = connect(data);
    if (link.isEmpty()) {
      return 1;
    }
    ManagedChannel channel = link.get().channel();
    ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(Daemons::lease);
    try (LocalState state = LocalState.open(data);
        StepGates gates = StepGates.connected(channel, name, labels, leases)) {
      ProcessRunner runner = new ProcessRunner();
      Executor executor =
          new Executor(
              Actions.standard(), runner, Clock.systemUTC(), Optional.of(state), true, gates);
      FactsCollector facts = FactsCollector.system(Optional.of(data), runner);
      Backoff.Attempts backoff =
          Backoff.unbounded(cfg.backoffInitial(), cfg.backoffMax()).attempts(new Random());
      try (Agent agent = new Agent(cfg, channel, state, executor, facts, backoff, this::print)) {
        return once ? agent.runOnce() : runForever(agent);
      }
    } finally {
      leases.shutdownNow();
      link.get().close();
    }
  }

  /** The channel to the reconciler, and the renewal that keeps its certificate fresh. */
  private record Link(ManagedChannel channel, Optional<CertificateRenewal> renewal)
      implements AutoCloseable {
    @Override
    public void close() {
      renewal.ifPresent(CertificateRenewal::close);
      channel.shutdownNow();
    }
  }

  /** Mutual TLS (enrolling first when needed), or plaintext with --insecure; empty on refusal. */
  private Optional<Link> connect(Path data) throws InterruptedException {
    if (insecure) {
      LoggerFactory.getLogger(AgentCommand.class)
          .warn("event=insecure-mode message=\"--insecure: plaintext, no identity\"");
      return Optional.of(
          new Link(
              Grpc.newChannelBuilder(server, InsecureChannelCredentials.create())
                  // a default gRPC server refuses pings more often than every 5 minutes; the
                  // agent's heartbeat notices a dead connection sooner anyway
                  .keepAliveTime(5, TimeUnit.MINUTES)
                  .build(),
              Optional.empty()));
    }
    Optional<EnrollmentToken> token;
    try {
      token = Optional.ofNullable(enroll).map(EnrollmentToken::parse);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      NodeCredentials creds =
          AgentTrust.ensureEnrolled(
              server,
              data,
              name,
              token,
              Optional.ofNullable(caCert),
              Clock.systemUTC(),
              Pause.blocking());
      RenewableChannel channel = RenewableChannel.to(server, creds);
      CertificateRenewal renewal =
          new CertificateRenewal(
              new Enroller(Clock.systemUTC(), Pause.blocking()), NodePki.in(data), channel);
      renewal.start(Duration.ofHours(1));
      return Optional.of(new Link(channel, Optional.of(renewal)));
    } catch (EnrollmentFailedException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("eden agent: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Threads that must not keep the JVM alive. */
  private static final class Daemons {
    static Thread lease(Runnable r) {
      Thread t = new Thread(r, "eden-coord-lease");
      t.setDaemon(true);
      return t;
    }
  }

  private int runForever(Agent agent) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "eden-agent-stop"));
    agent.start();
    stop.await();
    return 0;
  }

  private void print(RunReport report) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.equals("json") ? RunPrinter.json(report) : RunPrinter.human(report));
    out.flush();
  }
}
