package dev.eden.agent.beacon;

import dev.eden.agent.state.BeaconRecord;
import dev.eden.agent.state.LocalState;
import dev.eden.proto.Event;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanBeacon;
import dev.eden.proto.ReportEventsRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the beacons of the current plan, each on its own interval: the first run as soon as the plan
 * brings it, then every interval. A new plan replaces the set; a beacon whose definition did not
 * change keeps its schedule, one that is gone stops. Never two runs of one beacon at once.
 *
 * <p>Each result is compared with the beacon's last one (kept in the agent's state, so a restart
 * changes nothing) and its {@link EmitRule} decides whether an event goes to the outbox; the result
 * and the event are written in one transaction, then {@code onEvent} is told so that the outbox can
 * be sent.
 *
 * <p>{@link #scheduled} runs checks on a small pool of its own and wakes itself when the next
 * beacon is due; {@link #manual} does nothing by itself, so a test drives it with {@link #runDue}
 * on a clock of its own.
 */
public final class BeaconRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BeaconRunner.class);
  private static final int WORKERS = 2;

  private final BeaconCheck check;
  private final LocalState state;
  private final Clock clock;
  private final String node;
  private final Executor workers;
  private final Optional<ScheduledExecutorService> timer;
  private final Runnable onEvent;
  private final Map<String, Scheduled> beacons = new LinkedHashMap<>();

  /** Names with a check running, of the current definition or of one just replaced. */
  private final Set<String> busy = new HashSet<>();

  private String revision = "";
  private ScheduledFuture<?> wake;
  private boolean closed;

  /** One beacon of the plan and its place in time. Guarded by the runner. */
  private static final class Scheduled {
    final PlanBeacon beacon;
    final EmitRule rule;
    Instant due;
    boolean gone;

    Scheduled(PlanBeacon beacon, EmitRule rule, Instant due) {
      this.beacon = beacon;
      this.rule = rule;
      this.due = due;
    }
  }

  private BeaconRunner(
      BeaconCheck check,
      LocalState state,
      Clock clock,
      String node,
      Executor workers,
      Optional<ScheduledExecutorService> timer,
      Runnable onEvent) {
    this.check = check;
    this.state = state;
    this.clock = clock;
    this.node = node;
    this.workers = workers;
    this.timer = timer;
    this.onEvent = onEvent;
  }

  /** The production runner: its own worker pool and timer threads, on the system clock. */
  public static BeaconRunner scheduled(
      BeaconCheck check, LocalState state, String node, Runnable onEvent) {
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS, daemons("eden-beacon-"));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(daemons("eden-beacon-timer-"));
    return new BeaconRunner(
        check, state, Clock.systemUTC(), node, pool, Optional.of(timer), onEvent);
  }

  /** A runner that only runs when {@link #runDue} is called, its checks on {@code workers}. */
  public static BeaconRunner manual(
      BeaconCheck check,
      LocalState state,
      Clock clock,
      String node,
      Executor workers,
      Runnable onEvent) {
    return new BeaconRunner(check, state, clock, node, workers, Optional.empty(), onEvent);
  }

  /** Takes the beacons of {@code plan} as the new set. */
  public synchronized void update(NodePlan plan) {
    revision = plan.getRevision();
    Instant now = clock.instant();
    Map<String, Scheduled> next = new LinkedHashMap<>();
    for (PlanBeacon b : plan.getBeaconsList()) {
      Scheduled old = beacons.get(b.getName());
      if (old != null && old.beacon.equals(b)) {
        next.put(b.getName(), old);
        continue;
      }
      if (b.getIntervalMs() <= 0) {
        log.error("event=beacon-skipped node={} beacon={} reason=no-interval", node, b.getName());
        continue;
      }
      try {
        next.put(b.getName(), new Scheduled(b, EmitRule.of(b), now));
      } catch (IllegalArgumentException e) {
        log.error("event=beacon-skipped node={} error=\"{}\"", node, e.getMessage());
      }
    }
    beacons.values().stream()
        .filter(s -> next.get(s.beacon.getName()) != s)
        .forEach(s -> s.gone = true);
    beacons.clear();
    beacons.putAll(next);
    state.forgetBeaconsExcept(next.keySet());
    log.info("event=beacons-updated node={} beacons={}", node, next.keySet());
    arm();
  }

  /** The beacons being run, by name. */
  public synchronized List<String> names() {
    return List.copyOf(beacons.keySet());
  }

  /** When the next beacon that is not running falls due, if any. */
  public synchronized Optional<Instant> nextDue() {
    return beacons.values().stream()
        .filter(s -> !busy.contains(s.beacon.getName()))
        .map(s -> s.due)
        .min(Instant::compareTo);
  }

  /** Starts every beacon that is due and not running; returns how many started. */
  public synchronized int runDue() {
    if (closed) {
      return 0;
    }
    Instant now = clock.instant();
    int started = 0;
    for (Scheduled s : List.copyOf(beacons.values())) {
      String name = s.beacon.getName();
      if (busy.contains(name) || now.isBefore(s.due)) {
        continue;
      }
      busy.add(name);
      started++;
      try {
        workers.execute(() -> runOne(s));
      } catch (RejectedExecutionException e) {
        busy.remove(name);
        log.debug("event=beacon-dropped node={} reason=runner-closed", node);
      }
    }
    arm();
    return started;
  }

  private void runOne(Scheduled s) {
    Instant started = clock.instant();
    Optional<CheckResult> result;
    try {
      result = Optional.of(check.run(s.beacon));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = Optional.empty();
    } catch (RuntimeException e) {
      result = Optional.of(CheckResult.fail(s.beacon.getAction() + ": " + e));
    }
    finish(s, started, result);
  }

  /** Records the result (unless the beacon is gone or the agent stopping) and plans the next. */
  private synchronized void finish(Scheduled s, Instant started, Optional<CheckResult> result) {
    busy.remove(s.beacon.getName());
    Instant now = clock.instant();
    Instant next = started.plusMillis(s.beacon.getIntervalMs());
    s.due = next.isAfter(now) ? next : now;
    if (result.isPresent() && !closed && !s.gone) {
      record(s, result.get(), now);
    }
    arm();
  }

  private void record(Scheduled s, CheckResult result, Instant now) {
    String name = s.beacon.getName();
    boolean before = state.lastBeacon(name).map(BeaconRecord::passed).orElse(true);
    Optional<Event.Type> type = s.rule.decide(before, result.passed());
    Optional<ReportEventsRequest> events =
        type.map(
            t ->
                ReportEventsRequest.newBuilder()
                    .addEvents(BeaconEvents.of(s.beacon, t, result, node, revision, now))
                    .build());
    state.recordBeacon(new BeaconRecord(name, result.passed(), result.message(), now), events);
    if (type.isEmpty()) {
      log.debug("event=beacon-checked node={} beacon={} result={}", node, name, result.label());
      return;
    }
    log.info(
        "event=beacon-fired node={} beacon={} result={} type={} message=\"{}\"",
        node,
        name,
        result.label(),
        type.get(),
        result.message());
    onEvent.run();
  }

  /** With a timer: wakes {@link #runDue} when the next beacon falls due. */
  private void arm() {
    if (timer.isEmpty() || closed) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
      wake = null;
    }
    Optional<Instant> next = nextDue();
    if (next.isPresent()) {
      long nanos = Math.max(0, Duration.between(clock.instant(), next.get()).toNanos());
      try {
        wake = timer.get().schedule(this::runDue, nanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        log.debug("event=beacon-timer-closed node={}", node);
      }
    }
  }

  /**
   * Stops the runner; a check still running is interrupted and its result dropped. The workers of a
   * {@link #manual} runner belong to its caller and are left alone.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (wake != null) {
        wake.cancel(false);
      }
    }
    timer.ifPresent(ScheduledExecutorService::shutdownNow);
    if (timer.isPresent() && workers instanceof ExecutorService pool) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
