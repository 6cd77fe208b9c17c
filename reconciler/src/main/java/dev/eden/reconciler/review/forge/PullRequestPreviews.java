package dev.eden.reconciler.review.forge;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.review.FleetDiff;
import dev.eden.reconciler.review.MarkdownReport;
import dev.eden.reconciler.review.RevisionDiff;
import dev.eden.reconciler.review.Summary;
import dev.eden.reconciler.source.FetchResult;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.store.Store;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Previews pull requests, as Atlantis does: for each pull-request event, on a worker thread of its
 * own, sets the head commit's {@code eden/plan} status to pending, fetches the head into the clone,
 * compiles base and head for every known node with its stored facts, writes (or edits) one comment
 * with the per-node changes, and sets the status to success or failure. One preview runs at a time;
 * pushes that arrive meanwhile to the same pull request are folded into the newest. Nothing here
 * changes the served revision, the store's plans or any node.
 */
public final class PullRequestPreviews implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PullRequestPreviews.class);

  /** GitHub's limit for a status description. */
  static final int DESCRIPTION_MAX = 140;

  private final ForgeConfig config;
  private final ForgeApi api;
  private final ForgeCalls calls;
  private final GitSource source;
  private final Supplier<List<NodeInput>> nodes;
  private final EventLog events;
  private final FleetDiff diff = new FleetDiff(new Compiler());
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(PullRequestPreviews::thread);
  private final Map<Long, PullRequest> waiting = new ConcurrentHashMap<>();
  private final Map<Long, Long> commentIds = new ConcurrentHashMap<>();
  private final AtomicLong planned = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  PullRequestPreviews(
      ForgeConfig config,
      ForgeApi api,
      ForgeCalls.Pause pause,
      GitSource source,
      Supplier<List<NodeInput>> nodes,
      EventLog events) {
    this.config = config;
    this.api = api;
    this.calls = new ForgeCalls(config.retry(), pause);
    this.source = source;
    this.nodes = nodes;
    this.events = events;
    if (config.token().isEmpty()) {
      LOG.error(
          "event=forge_token_missing forge={} reason=\"{}\" next=\"previews fail until"
              + " --forge-token-file names a readable token\"",
          config.kind().flag(),
          config.tokenProblem());
    }
  }

  /** Previews for the reconciler: the nodes are the store's registered nodes with their facts. */
  public static PullRequestPreviews start(
      ForgeConfig config, GitSource source, Store store, EventLog events) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return start(config, source, store, events, http, d -> Thread.sleep(d.toMillis()));
  }

  static PullRequestPreviews start(
      ForgeConfig config,
      GitSource source,
      Store store,
      EventLog events,
      HttpClient http,
      ForgeCalls.Pause pause) {
    Supplier<List<NodeInput>> known =
        () ->
            store.listNodes().stream()
                .map(n -> n.info())
                .map(i -> new NodeInput(i.getName(), i.getLabelsMap(), i.getFacts()))
                .toList();
    return new PullRequestPreviews(config, ForgeApi.of(config, http), pause, source, known, events);
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "eden-pr-preview");
    t.setDaemon(true);
    return t;
  }

  /** Which forge's events these previews read. */
  public ForgeKind kind() {
    return config.kind();
  }

  /**
   * Reads a pull-request webhook and schedules its preview.
   *
   * @return what the hook answers (202)
   * @throws PullRequestPayload.Malformed when the payload cannot be read or is for another
   *     repository (400)
   */
  public String accept(byte[] body) throws PullRequestPayload.Malformed {
    PullRequestPayload.Parsed parsed =
        PullRequestPayload.parse(config.kind(), config.repository(), body);
    if (parsed instanceof PullRequestPayload.Parsed.Ignored ignored) {
      return "ignored: pull-request action " + ignored.action() + " is not previewed";
    }
    PullRequest pr = ((PullRequestPayload.Parsed.Preview) parsed).pullRequest();
    String branch = source.config().branch();
    if (!pr.baseBranch().equals(branch)) {
      return "ignored: #" + pr.number() + " targets " + pr.baseBranch() + ", not " + branch;
    }
    waiting.put(pr.number(), pr);
    worker.execute(() -> runNewest(pr.number()));
    LOG.info("event=preview_scheduled pr={} head={}", pr.number(), pr.shortHead());
    return "preview of #" + pr.number() + " at " + pr.shortHead() + " scheduled";
  }

  private void runNewest(long number) {
    PullRequest newest = waiting.remove(number);
    if (newest == null) {
      return; // an earlier task already previewed the newest head
    }
    try {
      preview(newest);
    } catch (RuntimeException e) {
      LOG.error("event=preview_failed pr={} error=\"{}\"", number, e.toString(), e);
      failed(newest, "preview failed: " + e);
    }
  }

  /** The outcome of planning one head: a comparison, or why there is none. */
  private sealed interface Plan {
    record Compared(RevisionDiff diff) implements Plan {}

    record Unavailable(String reason) implements Plan {}
  }

  void preview(PullRequest pr) {
    if (config.token().isEmpty()) {
      failed(pr, "no forge token: " + config.tokenProblem());
      return;
    }
    try {
      calls.call("status", () -> status(pr, CommitState.PENDING, "compiling every node's plan"));
      Plan plan = plan(pr);
      if (plan instanceof Plan.Unavailable u) {
        calls.call("status", () -> status(pr, CommitState.FAILURE, u.reason()));
        failed(pr, u.reason());
        return;
      }
      RevisionDiff d = ((Plan.Compared) plan).diff();
      comment(pr, MarkdownReport.render(d));
      CommitState state = d.failed() ? CommitState.FAILURE : CommitState.SUCCESS;
      calls.call("status", () -> status(pr, state, Summary.status(d)));
      if (d.failed()) {
        failed(pr, Summary.status(d));
      } else {
        planned(pr, Summary.line(d));
      }
    } catch (ForgeException e) {
      failed(pr, "the forge refused the preview: " + e.getMessage());
    }
  }

  private Void status(PullRequest pr, CommitState state, String description) throws ForgeException {
    String d =
        description.length() <= DESCRIPTION_MAX
            ? description
            : description.substring(0, DESCRIPTION_MAX - 1) + "…";
    api.status(pr.headSha(), state, d);
    return null;
  }

  private Plan plan(PullRequest pr) {
    String ref = config.kind().headRef(pr.number());
    FetchResult fetched = source.fetchRef(ref);
    if (!source.hasCommit(pr.headSha())) {
      String why = fetched instanceof FetchResult.Failed f ? f.reason() : ref + " moved on";
      return new Plan.Unavailable("head " + pr.shortHead() + " could not be fetched: " + why);
    }
    String base = source.mergeBase(pr.headSha()).orElse(pr.baseSha());
    if (base.isEmpty() || !source.hasCommit(base)) {
      return new Plan.Unavailable(
          "no base to compare with: " + source.config().branch() + " is not fetched yet");
    }
    try {
      return new Plan.Compared(
          diff.compare(
              new FleetDiff.Side(base.substring(0, 7), source.tree(base)),
              new FleetDiff.Side(pr.shortHead(), source.tree(pr.headSha())),
              nodes.get()));
    } catch (IOException e) {
      return new Plan.Unavailable("reading " + pr.shortHead() + ": " + e.getMessage());
    }
  }

  /** Edits eden's comment on the pull request, or adds it when there is none yet. */
  private void comment(PullRequest pr, String body) throws ForgeException {
    Long known = commentIds.get(pr.number());
    if (known == null) {
      var found =
          calls.call("find comment", () -> api.findComment(pr.number(), MarkdownReport.MARKER));
      known = found.isPresent() ? found.getAsLong() : null;
    }
    if (known != null) {
      long id = known;
      try {
        calls.call("edit comment", () -> edit(pr, id, body));
        commentIds.put(pr.number(), id);
        return;
      } catch (ForgeException e) {
        if (e.status() != 404) {
          throw e;
        }
        // deleted by someone: write a new one
      }
    }
    long id = calls.call("add comment", () -> api.addComment(pr.number(), body));
    commentIds.put(pr.number(), id);
  }

  private Void edit(PullRequest pr, long id, String body) throws ForgeException {
    api.editComment(pr.number(), id, body);
    return null;
  }

  private void planned(PullRequest pr, String message) {
    planned.incrementAndGet();
    emit(pr, Event.Type.NORMAL, Reason.PULL_REQUEST_PLANNED, message);
  }

  private void failed(PullRequest pr, String message) {
    failed.incrementAndGet();
    emit(pr, Event.Type.WARNING, Reason.PULL_REQUEST_PLAN_FAILED, message);
  }

  private void emit(PullRequest pr, Event.Type type, Reason reason, String message) {
    events.emit(
        type,
        reason,
        EventLog.object(EventKinds.PULL_REQUEST, "#" + pr.number()),
        "",
        pr.headSha(),
        "#" + pr.number() + " at " + pr.shortHead() + ": " + message);
  }

  public PreviewCounts counts() {
    return new PreviewCounts(planned.get(), failed.get(), calls.failures());
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
