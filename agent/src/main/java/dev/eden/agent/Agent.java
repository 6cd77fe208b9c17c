package dev.eden.agent;

import com.google.protobuf.Struct;
import dev.eden.agent.action.Actions;
import dev.eden.agent.beacon.BeaconCheck;
import dev.eden.agent.beacon.BeaconRunner;
import dev.eden.agent.exec.ApplyOptions;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.exec.Reports;
import dev.eden.agent.exec.RunInProgressException;
import dev.eden.agent.facts.FactsCollector;
import dev.eden.agent.fs.RootFs;
import dev.eden.agent.plan.PlanClient;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.report.OutboxSender;
import dev.eden.agent.state.LocalState;
import dev.eden.common.retry.Backoff;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.RegisterResponse;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunTrigger;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pull loop. One thread does everything in turn: connect (register, fetch, watch, flush the
 * outbox), apply on every plan change and every interval, reconnect with backoff. When the
 * reconciler is away, the cached plan is still applied on the interval and reports wait in the
 * outbox. Only outbound connections are made.
 *
 * <p>Beacons run beside the loop, on a {@link BeaconRunner} of their own, so a slow check never
 * holds up an apply; their events go through the same outbox. {@link #runOnce()} runs none.
 */
public final class Agent implements AutoCloseable {
  /** Exit codes of {@link #runOnce()}. */
  public static final int OK = 0;

  public static final int NO_PLAN = 1;
  public static final int STEP_FAILED = 2;

  private static final Logger log = LoggerFactory.getLogger(Agent.class);
  private final AgentConfig cfg;
  private final LocalState state;
  private final Executor executor;
  private final FactsCollector factsCollector;
  private final PlanClient client;
  private final OutboxSender outbox;
  private final Backoff.Attempts backoff;
  private final Consumer<RunReport> onRun;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "eden-agent"));
  private final PlanWatcher watcher;
  private final Channel channel;
  private Struct facts = Struct.getDefaultInstance();
  private Optional<NodePlan> plan = Optional.empty();
  private boolean connected;
  private boolean reconnectPending;
  private boolean appliedOnce;
  private ScheduledFuture<?> heartbeat;
  private volatile Optional<BeaconRunner> beacons = Optional.empty();

  public Agent(
      AgentConfig cfg,
      Channel channel,
      LocalState state,
      Executor executor,
      FactsCollector facts,
      Backoff.Attempts backoff,
      Consumer<RunReport> onRun) {
    this.cfg = cfg;
    this.channel = channel;
    this.state = state;
    this.executor = executor;
    this.factsCollector = facts;
    this.client = new PlanClient(channel, cfg.callDeadline());
    this.outbox = new OutboxSender(state, client);
    this.backoff = backoff;
    this.onRun = onRun;
    this.watcher = new PlanWatcher(client, cfg.name(), loop, this::planAnnounced, this::lost);
  }

  /** Register, fetch, apply once, flush the outbox; returns the process's exit code. */
  public int runOnce() {
    plan = state.cachedPlan();
    facts = factsCollector.collect();
    resetChannelBackoff();
    try {
      client.register(nodeInfo());
      connected = true;
      client.fetch(cfg.name(), knownHash()).ifPresent(this::keep);
    } catch (StatusRuntimeException e) {
      log.warn("event=plan-not-fetched node={} status={}", cfg.name(), describe(e));
    }
    if (plan.isEmpty()) {
      log.error("event=no-plan node={}", cfg.name());
      return NO_PLAN;
    }
    Optional<RunReport> report = apply(RunTrigger.RUN_TRIGGER_ONCE);
    try {
      flush();
    } catch (StatusRuntimeException e) {
      log.warn("event=outbox-kept node={} status={}", cfg.name(), describe(e));
    }
    if (report.isEmpty()) {
      return NO_PLAN;
    }
    return Reports.succeeded(report.get()) ? OK : STEP_FAILED;
  }

  /** Starts the loop in the background; {@link #close()} stops it. */
  public void start() {
    beacons = Optional.of(BeaconRunner.scheduled(beaconCheck(), state, cfg.name(), this::sendSoon));
    loop.execute(this::boot);
    long every = cfg.interval().toMillis();
    loop.scheduleWithFixedDelay(this::interval, every, every, TimeUnit.MILLISECONDS);
  }

  /** Loads the cached plan, connects, and applies once even when nothing new came. */
  private void boot() {
    try {
      plan = state.cachedPlan();
      plan.ifPresent(p -> beacons.ifPresent(b -> b.update(p)));
      facts = factsCollector.collect();
      connect();
      if (!appliedOnce && plan.isPresent()) {
        apply(RunTrigger.RUN_TRIGGER_START);
        flush();
      }
    } catch (StatusRuntimeException e) {
      lost(describe(e));
    } catch (RuntimeException e) {
      log.error("event=start-failed node={} error=\"{}\"", cfg.name(), e.toString());
    }
  }

  /** Applies the cached plan now (as the interval would). */
  public void requestRun() {
    loop.execute(this::interval);
  }

  private void connect() {
    reconnectPending = false;
    resetChannelBackoff();
    try {
      RegisterResponse r = client.register(nodeInfo());
      connected = true;
      backoff.reset();
      log.info("event=registered node={} plan={}", cfg.name(), r.getPlanHash());
      startHeartbeat(r.getHeartbeatMs());
      sync(
          RunTrigger.RUN_TRIGGER_PLAN_CHANGED,
          plan.isEmpty() || !r.getPlanHash().equals(knownHash()));
      watcher.open(knownHash());
      flush();
    } catch (StatusRuntimeException e) {
      lost(describe(e));
    } catch (RuntimeException e) {
      log.error("event=connect-failed node={} error=\"{}\"", cfg.name(), e.toString());
      lost(e.toString());
    }
  }

  /** The watch or a call failed: try again after a backoff. */
  private void lost(String why) {
    connected = false;
    watcher.close();
    if (reconnectPending || loop.isShutdown()) {
      return;
    }
    reconnectPending = true;
    long delay = backoff.next().toMillis();
    log.warn("event=reconciler-lost node={} reason=\"{}\" retry_ms={}", cfg.name(), why, delay);
    try {
      loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("event=reconnect-dropped node={} reason=agent-closed", cfg.name());
    }
  }

  /** Our backoff decides when to retry; the channel's own (up to minutes) must not add to it. */
  private void resetChannelBackoff() {
    if (channel instanceof ManagedChannel mc) {
      mc.resetConnectBackoff();
    }
  }

  /** Shows the reconciler this node is alive, and catches any plan change the watch missed. */
  private void startHeartbeat(long everyMs) {
    if (heartbeat != null || everyMs <= 0) {
      return;
    }
    heartbeat =
        loop.scheduleWithFixedDelay(
            () -> {
              if (connected) {
                planAnnounced("");
              }
            },
            everyMs,
            everyMs,
            TimeUnit.MILLISECONDS);
  }

  private void planAnnounced(String hash) {
    if (hash.isEmpty() || !hash.equals(knownHash())) {
      try {
        sync(RunTrigger.RUN_TRIGGER_PLAN_CHANGED, true);
        flush();
      } catch (StatusRuntimeException e) {
        lost(describe(e));
      } catch (RuntimeException e) {
        log.error("event=plan-sync-failed node={} error=\"{}\"", cfg.name(), e.toString());
      }
    }
  }

  /** Fetches the plan when {@code fetch}; applies it when it is new. */
  private void sync(RunTrigger trigger, boolean fetch) {
    if (!fetch) {
      return;
    }
    try {
      Optional<NodePlan> fresh = client.fetch(cfg.name(), knownHash());
      if (fresh.isPresent()) {
        keep(fresh.get());
        apply(trigger);
      }
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code != Status.Code.NOT_FOUND && code != Status.Code.FAILED_PRECONDITION) {
        throw e;
      }
      log.info("event=no-plan-yet node={} status={}", cfg.name(), describe(e));
    }
  }

  private void interval() {
    try {
      Struct now = factsCollector.collect();
      if (!now.equals(facts)) {
        facts = now;
        if (connected) {
          client.register(nodeInfo());
          log.info("event=facts-changed node={}", cfg.name());
        }
      }
      apply(RunTrigger.RUN_TRIGGER_INTERVAL);
      flush();
    } catch (StatusRuntimeException e) {
      lost(describe(e));
    } catch (RuntimeException e) {
      log.error("event=interval-failed node={} error=\"{}\"", cfg.name(), e.toString());
    }
  }

  private Optional<RunReport> apply(RunTrigger trigger) {
    if (plan.isEmpty()) {
      return Optional.empty();
    }
    ApplyOptions opts =
        ApplyOptions.defaults()
            .withRoot(cfg.root())
            .withDryRun(cfg.dryRun())
            .withFacts(facts)
            .withTrigger(trigger)
            .withParallelism(Math.min(4, Runtime.getRuntime().availableProcessors()));
    appliedOnce = true;
    try {
      RunReport report = executor.apply(plan.get(), opts);
      onRun.accept(report);
      // TaskBook runs asked for now (eden run, Triggers, CronJobs), after the plan's own steps
      executor.applyDispatched(plan.get(), opts).forEach(onRun);
      return Optional.of(report);
    } catch (RunInProgressException e) {
      log.warn("event=run-skipped node={} reason=\"{}\"", cfg.name(), e.getMessage());
      return Optional.empty();
    } finally {
      releaseMemory();
    }
  }

  /**
   * With {@code -Deden.agent.releaseMemoryAfterRun=true} (bin/eden sets it for {@code eden agent}):
   * a full collection after each run, so that a serial-GC heap shrinks back (its free ratios apply
   * only then) and the agent idles at its resting size rather than at the size its largest run
   * needed. Milliseconds, once per run.
   */
  private static void releaseMemory() {
    if (Boolean.getBoolean("eden.agent.releaseMemoryAfterRun")) {
      System.gc();
    }
  }

  /** Checks run for real or dry, in the same root as the plan's steps, on fresh facts. */
  private BeaconCheck beaconCheck() {
    boolean host = cfg.root().toAbsolutePath().normalize().getParent() == null;
    RootFs fs = host ? RootFs.host() : RootFs.at(cfg.root());
    return new BeaconCheck(
        Actions.standard(),
        fs,
        new ProcessRunner(),
        cfg.name(),
        cfg.labels(),
        factsCollector::collect);
  }

  /** A beacon queued an event: send the outbox from the loop's thread. */
  private void sendSoon() {
    try {
      loop.execute(
          () -> {
            try {
              flush();
            } catch (StatusRuntimeException e) {
              lost(describe(e));
            } catch (RuntimeException e) {
              log.error("event=outbox-failed node={} error=\"{}\"", cfg.name(), e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("event=outbox-send-dropped node={} reason=agent-closed", cfg.name());
    }
  }

  /** Sends the outbox when connected; a failure is thrown for the caller to handle. */
  private void flush() {
    if (connected) {
      outbox.flush();
    }
  }

  private void keep(NodePlan p) {
    state.savePlan(p);
    plan = Optional.of(p);
    beacons.ifPresent(b -> b.update(p));
    log.info(
        "event=plan-received node={} plan={} revision={}",
        cfg.name(),
        p.getHash(),
        p.getRevision());
  }

  private String knownHash() {
    return plan.map(NodePlan::getHash).orElse("");
  }

  private NodeInfo nodeInfo() {
    return NodeInfo.newBuilder()
        .setName(cfg.name())
        .putAllLabels(cfg.labels())
        .setFacts(facts)
        .setAgentVersion(version())
        .build();
  }

  private static String version() {
    String v = Agent.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static String describe(StatusRuntimeException e) {
    String d = e.getStatus().getDescription();
    return e.getStatus().getCode() + (d == null ? "" : ": " + d.replace('\n', ' '));
  }

  @Override
  public void close() {
    beacons.ifPresent(BeaconRunner::close);
    loop.shutdownNow();
    watcher.close();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
