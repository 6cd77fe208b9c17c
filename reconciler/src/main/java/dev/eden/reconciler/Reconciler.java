package dev.eden.reconciler;

import com.sun.net.httpserver.HttpHandler;
import dev.eden.reconciler.api.ApiServer;
import dev.eden.reconciler.api.Backend;
import dev.eden.reconciler.api.Listings;
import dev.eden.reconciler.api.PendingEnrollments;
import dev.eden.reconciler.bundle.BundleDropFolder;
import dev.eden.reconciler.bundle.BundleImporter;
import dev.eden.reconciler.bundle.BundleServiceImpl;
import dev.eden.reconciler.coord.CoordinationApi;
import dev.eden.reconciler.coord.CoordinationStore;
import dev.eden.reconciler.coord.MembershipSink;
import dev.eden.reconciler.coord.RegisteredNodes;
import dev.eden.reconciler.coord.SqliteCoordinationStore;
import dev.eden.reconciler.cron.CronListing;
import dev.eden.reconciler.cron.CronLoop;
import dev.eden.reconciler.cron.CronStateStore;
import dev.eden.reconciler.cron.RevisionCronJobs;
import dev.eden.reconciler.cron.SqliteCronStateStore;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.dispatch.DispatcherFactory;
import dev.eden.reconciler.dispatch.TaskBookDispatcher;
import dev.eden.reconciler.events.EventPruner;
import dev.eden.reconciler.events.Housekeeping;
import dev.eden.reconciler.events.NodePresence;
import dev.eden.reconciler.hosted.GitCredentials;
import dev.eden.reconciler.hosted.HostedGit;
import dev.eden.reconciler.http.Hooks;
import dev.eden.reconciler.http.HttpEndpoint;
import dev.eden.reconciler.pipeline.AcceptedRevisions;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.Metrics;
import dev.eden.reconciler.pipeline.NodeChanges;
import dev.eden.reconciler.pipeline.NodeStatuses;
import dev.eden.reconciler.pipeline.PlanRegistry;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import dev.eden.reconciler.pipeline.RevisionPipeline;
import dev.eden.reconciler.pipeline.SyncResult;
import dev.eden.reconciler.pipeline.VerifyStep;
import dev.eden.reconciler.react.Triggers;
import dev.eden.reconciler.review.forge.PullRequestPreviews;
import dev.eden.reconciler.source.CommitVerifier;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.source.VerificationConfig;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.AuthInterceptor;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.reconciler.trust.PrivateFiles;
import dev.eden.reconciler.trust.Trust;
import io.grpc.BindableService;
import io.grpc.ServerBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running reconciler: store, Git source, revision pipeline, poller, gRPC server and HTTP
 * endpoint. Plans of the last accepted revision are served from the store before the first fetch.
 */
public final class Reconciler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final long BUNDLE_DIR_SCAN = 5_000;

  private final Store store;
  private final CoordinationStore coordination;
  private final GitSource source;
  private final RevisionPipeline pipeline;
  private final PlanRegistry plans;
  private final AcceptedRevisions accepted;
  private final NodeChanges nodeChanges;
  private final TaskBookDispatcher dispatcher;
  private final ScheduledExecutorService poller;
  private final ExecutorService nodeWorker;
  private final ApiServer api;
  private final Optional<HttpEndpoint> http;
  private final CronStateStore cronStates;
  private final CronLoop cron;
  private final Triggers triggers;
  private final Housekeeping housekeeping;
  private final NodePresence presence;
  private final Optional<BundleImporter> bundles;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<PendingEnrollments> pending;
  private final AtomicReference<GitCredentials> gitCredentials;

  private Reconciler(Parts parts) {
    this.store = parts.store;
    this.coordination = parts.coordination;
    this.source = parts.source;
    this.pipeline = parts.pipeline;
    this.bundles = parts.bundles;
    this.plans = parts.plans;
    this.accepted = parts.accepted;
    this.nodeChanges = parts.nodeChanges;
    this.dispatcher = parts.dispatcher;
    this.poller = parts.poller;
    this.nodeWorker = parts.nodeWorker;
    this.api = parts.api;
    this.http = parts.http;
    this.pending = parts.pending;
    this.gitCredentials = parts.gitCredentials;
    this.cronStates = parts.cronStates;
    this.cron = parts.cron;
    this.triggers = parts.triggers;
    this.housekeeping = parts.housekeeping;
    this.presence = parts.presence;
  }

  /** The pieces, filled in order by {@link #start}; closed in reverse on failure. */
  private static final class Parts {
    Store store;
    CoordinationStore coordination;
    GitSource source;
    RevisionPipeline pipeline;
    PlanRegistry plans;
    final AcceptedRevisions accepted = new AcceptedRevisions();
    TaskBookDispatcher dispatcher;
    ScheduledExecutorService poller;
    ExecutorService nodeWorker;
    NodeChanges nodeChanges;
    ApiServer api;
    Optional<HttpEndpoint> http = Optional.empty();
    final AtomicReference<PendingEnrollments> pending =
        new AtomicReference<>(PendingEnrollments.none());
    final AtomicReference<GitCredentials> gitCredentials =
        new AtomicReference<>(GitCredentials.nobody());
    CronStateStore cronStates;
    CronLoop cron;
    Triggers triggers;
    final Listings listings = new Listings();
    NodePresence presence;
    Housekeeping housekeeping;
    Optional<BundleImporter> bundles = Optional.empty();
    Clock clock;
  }

  /**
   * Starts a reconciler whose gRPC callers are not authenticated: every call passes as {@code
   * Identity.Insecure}. For in-process tests; {@code eden reconciler} uses the overload with an
   * {@link Authorizer}.
   *
   * @param grpc where to serve gRPC (in-process in tests)
   */
  public static Reconciler start(
      ReconcilerConfig config, RevisionCompiler compiler, ServerBuilder<?> grpc, Clock clock) {
    return start(
        config,
        compiler,
        grpc.intercept(AuthInterceptor.insecure()),
        clock,
        new Authorizer(AuditSink.logging()));
  }

  /**
   * Starts a reconciler. The first fetch runs on the poller thread right away.
   *
   * @param grpc where to serve gRPC, with its TLS and authenticating interceptor already set (Netty
   *     on --listen, or in-process in tests)
   * @param authorizer what the agent and control services ask before answering
   */
  public static Reconciler start(
      ReconcilerConfig config,
      RevisionCompiler compiler,
      ServerBuilder<?> grpc,
      Clock clock,
      Authorizer authorizer) {
    return start(config, compiler, grpc, clock, authorizer, DispatcherFactory.own());
  }

  /**
   * Starts a reconciler whose TaskBook runs (Triggers, CronJobs, {@code eden run}) go through the
   * Dispatcher that {@code dispatchers} builds.
   */
  public static Reconciler start(
      ReconcilerConfig config,
      RevisionCompiler compiler,
      ServerBuilder<?> grpc,
      Clock clock,
      Authorizer authorizer,
      DispatcherFactory dispatchers) {
    Parts p = new Parts();
    p.clock = clock;
    try {
      p.store = SqliteStore.open(PrivateFiles.privateDirectory(config.dataDir()));
      p.coordination = SqliteCoordinationStore.open(config.dataDir().resolve("coord.db"), clock);
      p.source =
          config.site().hosted()
              ? GitSource.hosted(config.source())
              : GitSource.open(config.source());
      p.plans = new PlanRegistry();
      Metrics metrics = new Metrics();
      EventLog events = new EventLog(p.store, clock);
      AcceptedRevisions accepted = p.accepted;
      p.pipeline =
          new RevisionPipeline(
              p.source,
              compiler,
              p.store,
              p.plans,
              events,
              metrics,
              clock,
              accepted,
              List.of(new MembershipSink(p.coordination, p.store)),
              config.poll(),
              verifyStep(config, p, events));
      p.pipeline.restore();
      p.dispatcher =
          new TaskBookDispatcher(
              accepted, compiler.taskBooks(), p.store, p.plans, events, clock, p.coordination);
      p.dispatcher.restore();
      p.nodeWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "eden-node-changes"));
      p.nodeChanges = new NodeChanges(p.pipeline::nodesChanged, p.nodeWorker);
      Duration lostAfter = config.heartbeat().multipliedBy(3);
      p.presence = new NodePresence(p.store, events, clock, lostAfter);
      Backend backend =
          new Backend(
              p.store,
              p.plans,
              p.pipeline,
              events,
              metrics,
              clock,
              config.keepAlive(),
              config.heartbeat(),
              p.dispatcher,
              p.pending,
              p.presence,
              p.listings,
              p.nodeChanges);
      RegisteredNodes nodes = new RegisteredNodes(p.store, p.coordination, clock, lostAfter);
      Authorizer audited = ApiServer.audited(authorizer, events);
      p.api =
          ApiServer.start(
              grpc,
              backend,
              audited,
              List.of(
                  CoordinationApi.service(
                      p.coordination,
                      nodes,
                      nodes,
                      clock,
                      CoordinationApi.Settings.defaults(),
                      audited),
                  bundles(config, p, grpc, audited)));
      Dispatcher runs = dispatchers.create(p.dispatcher);
      p.triggers = Triggers.start(events, accepted::admitted, nodes, runs, p.store, clock);
      Triggers triggers = p.triggers;
      accepted.subscribe(next -> triggers.tick());
      p.listings.triggers(p.triggers);
      startCron(p, accepted, runs, events, clock, config);
      p.housekeeping =
          Housekeeping.start(
              new EventPruner(p.store, clock, config.eventRetention()),
              p.presence,
              config.heartbeat());
      startPolling(config, p, metrics, events);
      LOG.info(
          "event=reconciler_started repo={} branch={} path={} poll={}",
          p.source.displayName(),
          config.source().branch(),
          config.source().path(),
          config.poll());
      return new Reconciler(p);
    } catch (RuntimeException e) {
      new Reconciler(p).close();
      throw e;
    }
  }

  /**
   * {@code ImportBundle}: imports when the reconciler hosts the repository (gRPC then takes
   * messages as large as a bundle may be: {@code --max-push-size}, plus room for the manifest),
   * refuses them clearly otherwise.
   */
  private static BindableService bundles(
      ReconcilerConfig config, Parts p, ServerBuilder<?> grpc, Authorizer authorizer) {
    if (!config.site().hosted()) {
      return new BundleServiceImpl(Optional.empty(), authorizer);
    }
    long max = config.site().maxPushSize() + 1024 * 1024;
    grpc.maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, max));
    VerificationConfig v = config.site().verification();
    BundleImporter.Settings settings =
        new BundleImporter.Settings(
            config.source().branch(),
            config.site().allowForcePush(),
            config.site().maxPushSize(),
            v.allowedSigners(),
            v.enabled());
    RevisionPipeline pipeline = p.pipeline;
    p.bundles =
        Optional.of(
            new BundleImporter(
                p.source.repository(), settings, pipeline::check, () -> syncQuietly(pipeline)));
    return new BundleServiceImpl(p.bundles, authorizer);
  }

  /** The verify step between fetch and load: signed commits, when --verify-commits asks. */
  private static VerifyStep verifyStep(ReconcilerConfig config, Parts p, EventLog events) {
    VerificationConfig verification = config.site().verification();
    Optional<CommitVerifier> verifier =
        verification.enabled() ? Optional.of(CommitVerifier.open(verification)) : Optional.empty();
    return new VerifyStep(verifier, p.source, p.store, events);
  }

  /**
   * The CronJob scheduler: its state in {@code <data-dir>/cron.db}, its CronJobs from the holder.
   */
  private static void startCron(
      Parts p,
      AcceptedRevisions accepted,
      Dispatcher dispatcher,
      EventLog events,
      Clock clock,
      ReconcilerConfig config) {
    p.cronStates = SqliteCronStateStore.open(config.dataDir().resolve("cron.db"));
    RevisionCronJobs jobs = new RevisionCronJobs(accepted);
    p.cron = CronLoop.start(jobs, p.cronStates, dispatcher, events, clock);
    p.listings.cron(new CronListing(jobs, p.cronStates, dispatcher, events, clock));
  }

  /** The poller (first fetch at once) and the HTTP endpoint whose hook asks it to fetch now. */
  private static void startPolling(
      ReconcilerConfig config, Parts p, Metrics metrics, EventLog events) {
    RevisionPipeline pipeline = p.pipeline;
    ScheduledExecutorService poller =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "eden-git-poller"));
    p.poller = poller;
    Runnable fetchNow = () -> poller.execute(() -> syncQuietly(pipeline));
    NodeStatuses statuses = new NodeStatuses(p.store, p.plans);
    Store store = p.store;
    Hooks hooks =
        new Hooks(
            config.webhookToken(),
            fetchNow,
            events,
            name -> !name.isEmpty() && store.node(name).isPresent(),
            config.forge().map(f -> PullRequestPreviews.start(f, p.source, store, events)));
    Optional<HttpHandler> git = hostedGit(config, p);
    p.http = config.http().map(a -> HttpEndpoint.start(a, hooks, metrics, statuses, git));
    if (config.site().hosted()) {
      poller.execute(() -> syncQuietly(pipeline)); // nothing polls a hosted repository
      scanBundleDir(config, p, poller);
      return;
    }
    poller.execute(() -> pollAndComeBack(pipeline, poller, config.poll()));
  }

  /** One pass, then the next one when the outcome says to come back. */
  private static void pollAndComeBack(
      RevisionPipeline pipeline, ScheduledExecutorService poller, Duration poll) {
    Duration next = poll;
    try {
      next = pipeline.poll();
    } catch (RuntimeException e) {
      LOG.error("event=sync_failed error=\"{}\"", e.toString(), e);
    }
    try {
      poller.schedule(
          () -> pollAndComeBack(pipeline, poller, poll),
          Math.max(1, next.toMillis()),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      LOG.debug("event=poll_dropped reason=closed");
    }
  }

  /**
   * {@code /git} when the reconciler hosts the repository: a push is checked by the pipeline before
   * the ref moves and processed at once after (nothing polls a hosted repository).
   */
  private static Optional<HttpHandler> hostedGit(ReconcilerConfig config, Parts p) {
    if (!config.site().hosted()) {
      return Optional.empty();
    }
    RevisionPipeline pipeline = p.pipeline;
    HostedGit.Settings settings =
        new HostedGit.Settings(
            config.source().branch(),
            config.site().allowForcePush(),
            config.site().maxPushSize(),
            Duration.ofMinutes(2));
    return Optional.of(
        new HostedGit(
            p.source.repository(),
            settings,
            pipeline::check,
            () -> syncQuietly(pipeline),
            p.gitCredentials));
  }

  /** {@code --bundle-dir}: looked at every few seconds on the poller, after the first sync. */
  private static void scanBundleDir(
      ReconcilerConfig config, Parts p, ScheduledExecutorService poller) {
    if (config.site().bundleDir().isEmpty() || p.bundles.isEmpty()) {
      return;
    }
    Path dir = config.site().bundleDir().get();
    BundleDropFolder folder = new BundleDropFolder(dir, p.bundles.get(), p.clock);
    poller.scheduleWithFixedDelay(folder::scanQuietly, 0, BUNDLE_DIR_SCAN, TimeUnit.MILLISECONDS);
    LOG.info("event=bundle_dir_watched dir={} every_ms={}", dir, BUNDLE_DIR_SCAN);
  }

  private static void syncQuietly(RevisionPipeline pipeline) {
    try {
      pipeline.sync();
    } catch (RuntimeException e) {
      LOG.error("event=sync_failed error=\"{}\"", e.toString(), e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Fetches and processes the head now, on the caller's thread. */
  public SyncResult fetchNow() {
    return pipeline.sync();
  }

  /**
   * Lists the enrollments of {@code trust} that wait for {@code eden nodes approve} as Pending
   * nodes in {@code ListNodes} ({@code eden get nodes}).
   */
  public void showPendingEnrollments(Trust trust) {
    pending.set(
        () ->
            trust.pending().list().stream()
                .filter(w -> !w.approved())
                .map(w -> new PendingEnrollments.Waiting(w.node(), w.requested()))
                .toList());
  }

  /**
   * Who may fetch from and push to the hosted repository ({@code --hosted}); until this is called
   * every request on {@code /git} gets 401.
   */
  public void acceptGitCredentials(GitCredentials credentials) {
    gitCredentials.set(credentials);
  }

  public Store store() {
    return store;
  }

  public PlanRegistry plans() {
    return plans;
  }

  /** Where registrations and label or fact changes queue; counts the recompile passes. */
  public NodeChanges nodeChanges() {
    return nodeChanges;
  }

  /** The revision that serves, as Triggers, CronJobs, dispatches and the control API read it. */
  public AcceptedRevisions accepted() {
    return accepted;
  }

  /** Runs TaskBooks now: what {@code eden run}, Triggers and CronJobs share. */
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** The gRPC port (-1 for in-process). */
  public int grpcPort() {
    return api.port();
  }

  /** Emits NodeLost and NodeRecovered; its check runs every heartbeat. */
  public NodePresence presence() {
    return presence;
  }

  /** What imports bundle files, when the reconciler hosts the repository. */
  public Optional<BundleImporter> bundles() {
    return bundles;
  }

  /** The HTTP endpoint, when one was asked for. */
  public Optional<HttpEndpoint> http() {
    return http;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (triggers != null) {
      triggers.close();
    }
    if (poller != null) {
      poller.shutdownNow();
      try {
        poller.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (nodeWorker != null) {
      nodeWorker.shutdownNow();
      try {
        nodeWorker.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (housekeeping != null) {
      housekeeping.close();
    }
    if (cron != null) {
      cron.close();
    }
    if (cronStates != null) {
      cronStates.close();
    }
    http.ifPresent(HttpEndpoint::close);
    if (api != null) {
      api.close();
    }
    if (source != null) {
      source.close();
    }
    if (coordination != null) {
      coordination.close();
    }
    if (store != null) {
      store.close();
    }
    LOG.info("event=reconciler_stopped");
  }
}
