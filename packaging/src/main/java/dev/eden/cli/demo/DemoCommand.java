package dev.eden.cli.demo;

import dev.eden.cli.ClientConfig;
import dev.eden.common.Reason;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.CreateTokenRequest;
import dev.eden.proto.Event;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.TrustAdminServiceGrpc;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eden demo}: a reconciler and four agents on a copy of the sample repository, on this
 * machine, converging; then a commit, and the nodes it affects converging again.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a reconciler and four agents (lb-1, web-1..web-3, each in its own --root sandbox)"
          + " on a copy of the sample repository, shows them converge, commits a change and"
          + " shows the affected nodes converge again. Stops everything on Ctrl-C."
    })
public final class DemoCommand implements Callable<Integer> {
  /** The change the demo commits: a variable that only the web tier uses. */
  static final String CHANGED_FILE = "prod/web-vars.yaml";

  static final String CHANGE_FROM = "maxConnections: 256";
  static final String CHANGE_TO = "maxConnections: 512";

  private static final Map<String, String> NODES = new LinkedHashMap<>();

  /** The node whose file the demo deletes, and the file (sample-repo/ops/healthz.yaml). */
  private static final String REPAIRED = "web-2";

  private static final String HEALTHZ = "srv/www/healthz";

  /** The events that tell the repair. */
  private static final Set<String> STORY =
      Set.of(
          "HealthzMissing", // the Beacon's emit.reason (sample-repo/ops/healthz.yaml)
          Reason.TRIGGER_REACTED.text(),
          Reason.DISPATCHED.text(),
          Reason.DISPATCH_SUCCEEDED.text(),
          Reason.DISPATCH_FAILED.text());

  static {
    NODES.put("lb-1", "tier=lb,env=demo");
    NODES.put("web-1", "tier=web,env=demo,zone=a");
    NODES.put("web-2", "tier=web,env=demo,zone=b");
    NODES.put("web-3", "tier=web,env=demo,zone=a");
  }

  @Option(
      names = "--no-wait",
      description = "Run the story once and exit: 0 when every node converged twice, 1 if not.")
  boolean noWait;

  @Option(names = "--dir", description = "Where to put the demo (default: a new temp folder).")
  Path dir;

  @Option(names = "--sample", description = "The repository to copy (default: the sample repo).")
  Path sample;

  @Option(
      names = "--timeout",
      defaultValue = "180",
      description = "Seconds to wait for each convergence (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Spec CommandSpec spec;

  private final Clock clock = Clock.systemUTC();
  private final List<EdenProcess> processes = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Path work =
        dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("eden-demo-");
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "eden-demo-stop"));
    try {
      return story(out, work);
    } finally {
      if (noWait) {
        stopAll();
      }
    }
  }

  private int story(PrintWriter out, Path work) throws IOException, InterruptedException {
    Path source = locateSample();
    out.printf(
        "eden demo: a reconciler and %d agents on this machine, in %s%n%n", NODES.size(), work);
    DemoRepo repo = DemoRepo.create(source, work.resolve("repo"));
    out.printf("1. Copied %s into a new Git repository: %s%n", source, repo.dir());
    int grpc = EdenProcess.freePort();
    int http = EdenProcess.freePort();
    startReconciler(work, repo, grpc, http);
    Path conf = work.resolve("reconciler").resolve("admin.conf");
    if (!awaitFile(conf, deadline())) {
      return failed(out, work, "the reconciler did not write " + conf);
    }
    out.printf(
        "2. Started the reconciler: gRPC 127.0.0.1:%d (mutual TLS), hooks http://127.0.0.1:%d,"
            + " admin config %s%n",
        grpc, http, conf);
    ManagedChannel channel = ClientConfig.load(conf).channel();
    startAgents(work, grpc, channel);
    out.printf(
        "3. Started %d agents, each enrolled with a one-time token and acting inside its own"
            + " sandbox: %s%n%n",
        NODES.size(), work.resolve("nodes/<name>/root"));
    out.flush();
    try {
      return converge(out, work, repo, channel, http);
    } finally {
      channel.shutdownNow();
    }
  }

  private int converge(PrintWriter out, Path work, DemoRepo repo, ManagedChannel channel, int http)
      throws IOException, InterruptedException {
    List<String> names = List.copyOf(NODES.keySet());
    LiveTable table = new LiveTable(out, System.console() != null && !noWait, clock);
    out.println("4. Waiting for every node to converge:");
    Optional<FleetView> first = table.until(channel, names, v -> v.allConverged(names), deadline());
    if (first.isEmpty()) {
      return failed(out, work, "the nodes did not converge within " + timeoutSeconds + "s");
    }
    Map<String, String> before = hashes(first.get(), names);
    Instant committed = clock.instant();
    String commit =
        repo.replaceAndCommit(
            CHANGED_FILE, CHANGE_FROM, CHANGE_TO, "web: allow 512 connections per worker");
    out.printf(
        "%n5. Committed %s to %s: %s → %s (a variable only the web tier uses)%n",
        commit.substring(0, 7), CHANGED_FILE, CHANGE_FROM, CHANGE_TO);
    out.printf(
        "   and told the reconciler at once: POST http://127.0.0.1:%d/hooks/git (%s)%n",
        http, postHook(http));
    out.println("6. Waiting for the nodes the change affects to converge again:");
    Optional<FleetView> second =
        table.until(
            channel,
            names,
            v -> v.currentCommit().equals(commit) && v.allConverged(names),
            deadline());
    if (second.isEmpty()) {
      return failed(out, work, "the nodes did not converge on " + commit.substring(0, 7));
    }
    out.printf(
        "%n   every node converged %.1f s after the commit",
        Duration.between(committed, clock.instant()).toMillis() / 1000.0);
    report(out, before, hashes(second.get(), names));
    int repaired = repair(out, work, channel);
    if (repaired != 0) {
      return repaired;
    }
    whereToLook(out, work, channel);
    if (noWait) {
      return 0;
    }
    out.println("\nRunning until Ctrl-C (the table keeps updating).");
    table.until(channel, names, v -> false, Instant.MAX);
    return 0;
  }

  /**
   * The event-driven part of the story: a file that only a runbook manages goes missing on one
   * node; its Beacon reports it, the Trigger runs the runbook there, and the events say so.
   */
  private int repair(PrintWriter out, Path work, ManagedChannel channel)
      throws IOException, InterruptedException {
    Path healthz = new SandboxAgent(work, REPAIRED, "").root().resolve(HEALTHZ);
    out.printf(
        "%n7. Event-driven repair. Every web node must serve /%s, which only the runbook"
            + " TaskBook ops/restore-healthz writes:%n",
        HEALTHZ);
    out.println(
        "   the Beacon ops/healthz-present checks it every 3s, the Trigger ops/restore-healthz"
            + " runs the runbook after 2 misses.");
    if (!awaitFile(healthz, deadline())) {
      return failed(out, work, "the Trigger never wrote " + healthz + " on " + REPAIRED);
    }
    Instant deleted = clock.instant();
    Files.delete(healthz);
    out.printf("   deleted %s's /%s; waiting for the repair...%n", REPAIRED, HEALTHZ);
    out.flush();
    if (!awaitFile(healthz, deadline())) {
      return failed(out, work, "the Trigger did not restore " + healthz);
    }
    out.printf(
        "   restored after %.1f s: \"%s\"%n",
        Duration.between(deleted, clock.instant()).toMillis() / 1000.0,
        Files.readString(healthz).strip().replace("\n", " / "));
    List<Event> story = new ArrayList<>();
    for (Event e :
        ControlServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(15, TimeUnit.SECONDS)
            .listEvents(ListEventsRequest.newBuilder().setLimit(500).build())
            .getEventsList()) {
      boolean ours = e.getNode().equals(REPAIRED) || e.getNode().isEmpty();
      if (STORY.contains(e.getReason())
          && ours
          && !ProtoTime.toInstant(e.getLastTime()).isBefore(deleted)) {
        story.add(e);
      }
    }
    story.sort(Comparator.comparingLong(Event::getSeq));
    out.println("   what the events say (eden get events), in the order they last happened:");
    out.printf("     %-18s %-6s %5s  %s%n", "REASON", "NODE", "COUNT", "MESSAGE");
    for (Event e : story) {
      String message = e.getMessage().lines().findFirst().orElse("");
      out.printf(
          "     %-18s %-6s %5d  %s%n",
          e.getReason(),
          e.getNode(),
          e.getCount(),
          message.length() > 72 ? message.substring(0, 71) + "…" : message);
    }
    out.flush();
    return 0;
  }

  private void report(PrintWriter out, Map<String, String> before, Map<String, String> after) {
    List<String> changed = new ArrayList<>();
    List<String> same = new ArrayList<>();
    before.forEach((node, hash) -> (hash.equals(after.get(node)) ? same : changed).add(node));
    out.printf(
        "%n   new plan, applied again: %s%n",
        changed.isEmpty() ? "(none)" : String.join(", ", changed));
    out.printf(
        "   plan unchanged, nothing to do: %s%n",
        same.isEmpty() ? "(none)" : String.join(", ", same));
  }

  private void whereToLook(PrintWriter out, Path work, ManagedChannel channel) {
    Path adminConfig = work.resolve("reconciler").resolve("admin.conf");
    out.printf("%nWhere to look:%n");
    String sandboxes = work.resolve("nodes/*/root").toString();
    int width = sandboxes.length();
    out.printf("  %-" + width + "s  the node sandboxes (what the agents wrote)%n", sandboxes);
    out.printf("  %-" + width + "s  logs of every process%n", work.resolve("logs"));
    out.printf(
        "  %-" + width + "s  the desired state; commit to it and watch%n", work.resolve("repo"));
    for (String what : List.of("nodes", "runs", "revisions", "events", "taskbooks")) {
      out.printf("  eden get %-9s --config %s%n", what, adminConfig);
    }
    out.printf("  eden run ops/nightly-report --wait --config %s%n", adminConfig);
    out.flush();
  }

  private int failed(PrintWriter out, Path work, String why) {
    out.printf("%neden demo: %s; see the logs in %s%n", why, work.resolve("logs"));
    out.flush();
    return 1;
  }

  private Map<String, String> hashes(FleetView view, List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String n : names) {
      out.put(n, view.node(n).map(s -> s.getPlanHash()).orElse(""));
    }
    return out;
  }

  private Instant deadline() {
    return clock.instant().plusSeconds(timeoutSeconds);
  }

  private void startReconciler(Path work, DemoRepo repo, int grpc, int http) throws IOException {
    Path logs = Files.createDirectories(work.resolve("logs"));
    processes.add(
        EdenProcess.start(
            "reconciler",
            logs.resolve("reconciler.log"),
            List.of("-Xmx256m", "-XX:+UseSerialGC"),
            "reconciler",
            "--repo",
            repo.dir().toString(),
            "--data-dir",
            work.resolve("reconciler").toString(),
            "--listen",
            "127.0.0.1:" + grpc,
            "--http",
            "127.0.0.1:" + http,
            "--poll",
            "5s"));
  }

  /** Waits for {@code file} to appear; false at {@code deadline}. */
  private boolean awaitFile(Path file, Instant deadline) throws InterruptedException {
    while (!Files.exists(file)) {
      if (clock.instant().isAfter(deadline)) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return true;
  }

  /** A one-time enrollment token, as {@code eden token create} makes it. */
  private static String token(ManagedChannel admin) {
    return TrustAdminServiceGrpc.newBlockingStub(admin)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .createToken(CreateTokenRequest.newBuilder().setTtlSeconds(600).build())
        .getToken();
  }

  private void startAgents(Path work, int grpc, ManagedChannel admin) throws IOException {
    for (Map.Entry<String, String> node : NODES.entrySet()) {
      processes.add(
          new SandboxAgent(work, node.getKey(), node.getValue())
              .start(grpc, "60s", () -> token(admin)));
    }
  }

  private static String postHook(int http) throws InterruptedException {
    try {
      return "HTTP " + GitHook.post(http, Optional.empty());
    } catch (IOException e) {
      return "not reached (" + e.getMessage() + "); the reconciler's poll will find it";
    }
  }

  private Path locateSample() throws IOException {
    List<Path> candidates = new ArrayList<>();
    if (sample != null) {
      candidates.add(sample);
    } else {
      Optional.ofNullable(System.getProperty("eden.home"))
          .ifPresent(h -> candidates.add(Path.of(h, "sample-repo")));
      candidates.add(Path.of("sample-repo"));
    }
    return candidates.stream()
        .filter(Files::isDirectory)
        .findFirst()
        .orElseThrow(
            () ->
                new IOException(
                    "no sample repository found in " + candidates + "; pass --sample DIR"));
  }

  private synchronized void stopAll() {
    processes.forEach(EdenProcess::close);
    processes.clear();
  }

  /** Polls the reconciler and redraws (or, without a terminal, reprints on change) the table. */
  private static final class LiveTable {
    private final PrintWriter out;
    private final boolean redraw;
    private final Clock clock;
    private List<String> shown = List.of();

    LiveTable(PrintWriter out, boolean redraw, Clock clock) {
      this.out = out;
      this.redraw = redraw;
      this.clock = clock;
    }

    Optional<FleetView> until(
        ManagedChannel channel, List<String> names, Predicate<FleetView> done, Instant deadline)
        throws InterruptedException {
      shown = List.of();
      while (clock.instant().isBefore(deadline)) {
        Optional<FleetView> view = FleetView.fetch(channel);
        if (view.isPresent() && view.get().rejected().isPresent()) {
          RevisionInfo bad = view.get().rejected().get();
          out.printf("%nThe reconciler rejected %s:%n", bad.getId());
          bad.getErrorsList().forEach(e -> out.println("  " + e));
          out.flush();
          return Optional.empty();
        }
        if (view.isPresent()) {
          show(FleetTable.render(view.get(), names, clock.instant()));
          if (done.test(view.get())) {
            return view;
          }
        }
        TimeUnit.MILLISECONDS.sleep(500); // a display refresh rate, not a wait for a condition
      }
      return Optional.empty();
    }

    private void show(List<String> lines) {
      if (redraw) {
        if (!shown.isEmpty()) {
          out.print("\033[" + shown.size() + "F");
        }
        lines.forEach(l -> out.print("\033[2K" + l + "\n"));
      } else if (!withoutAges(lines).equals(withoutAges(shown))) {
        lines.forEach(out::println);
        out.println();
      }
      shown = lines;
      out.flush();
    }

    private static List<String> withoutAges(List<String> lines) {
      return lines.stream().map(l -> l.replaceAll("\\d+[smh] ago", "")).toList();
    }
  }
}
