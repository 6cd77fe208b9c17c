package dev.eden.agent.coord;

import com.google.protobuf.Struct;
import dev.eden.common.retry.Backoff;
import dev.eden.proto.AcquirePermitRequest;
import dev.eden.proto.AcquirePermitResponse;
import dev.eden.proto.ArriveBarrierRequest;
import dev.eden.proto.AwaitBarrierRequest;
import dev.eden.proto.BarrierState;
import dev.eden.proto.CoordScope;
import dev.eden.proto.PlanStep;
import dev.eden.proto.ReleasePermitRequest;
import dev.eden.proto.RunOptions;
import dev.eden.proto.StepResult;
import io.grpc.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of coordination for one node: serialize permits, sync barriers, run-once claims
 * and exports, all held under one lease that a background task renews. {@link #run} is the whole
 * sequence for one step (resolve → sync → claim → check → permit → apply → publish); the other
 * public methods are its parts. Lifecycle: {@link #start()} once, then {@link #close()}.
 */
public final class StepCoordinator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StepCoordinator.class);
  private static final Duration DEFAULT_SYNC_TIMEOUT = Duration.ofMinutes(10);

  /**
   * Timeouts and pacing.
   *
   * @param leaseTtl how long the lease lives without renewal (renewed every third of it)
   * @param permitTimeout longest wait for a serialize permit
   * @param targetTimeout longest wait for the result of a node chosen by target.limit
   * @param exportTimeout longest wait for an export to be published
   * @param pollWait how long one long poll may be held by the reconciler
   * @param backoff retries while the reconciler is unavailable
   */
  public record Settings(
      Duration leaseTtl,
      Duration permitTimeout,
      Duration targetTimeout,
      Duration exportTimeout,
      Duration pollWait,
      Backoff backoff) {

    public static Settings defaults() {
      return new Settings(
          Duration.ofSeconds(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(30),
          Duration.ofMinutes(10),
          Duration.ofSeconds(10),
          Backoff.defaults());
    }
  }

  private final String node;
  private final Clock clock;
  private final Settings settings;
  private final CoordinationClient client;
  private final LeaseKeeper lease;
  private final Exports exports;
  private final TargetClaims targets;

  public StepCoordinator(
      Channel channel,
      String node,
      Clock clock,
      ScheduledExecutorService scheduler,
      Settings settings,
      Pause pause) {
    this.node = node;
    this.clock = clock;
    this.settings = settings;
    this.client =
        new CoordinationClient(
            channel, settings.backoff(), pause, settings.pollWait().plusSeconds(15));
    this.lease = new LeaseKeeper(client, node, settings.leaseTtl(), scheduler);
    this.exports = new Exports(client, node, clock, settings);
    this.targets = new TargetClaims(client, lease, node, clock, settings);
  }

  /**
   * Takes this node's lease and starts renewing it. When the reconciler cannot be reached yet, the
   * lease is taken later, by the renewal task or by the first step that needs it.
   */
  public void start() {
    lease.start();
    log.info("event=coordinator_started node={}", node);
  }

  @Override
  public void close() {
    lease.close();
  }

  /**
   * Runs one step under its run options. {@code outputs} maps earlier steps' ids on this node to
   * their outputs, for OUTPUT references.
   */
  public StepOutcome run(PlanStep step, RunScope run, Map<String, String> outputs, StepBody body)
      throws CoordinationFailure {
    Struct parameters = resolve(step, outputs).applyTo(step.getParameters());
    sync(step, run);
    TargetDecision decision = claim(step, run);
    if (decision instanceof TargetDecision.Adopt adopt) {
      return adopt.outcome();
    }
    StepOutcome outcome;
    try (Permit permit = acquire(step, run, () -> body.wouldChange(parameters))) {
      outcome = body.apply(parameters);
      log.debug(
          "event=step_applied step={} node={} permit={} status={}",
          step.getId(),
          node,
          permit.held(),
          outcome.status());
    }
    // publish before recording the result: a node that adopts the result and then reads the
    // export must see this run's value, not the one a previous revision published
    try {
      if (publishes(outcome)) {
        publish(step, outcome.output());
      }
    } catch (CoordinationFailure f) {
      recordIfTargeted(step, run, new StepOutcome(StepResult.Status.FAILED, f.getMessage(), ""));
      throw f;
    }
    recordIfTargeted(step, run, outcome);
    return outcome;
  }

  private void recordIfTargeted(PlanStep step, RunScope run, StepOutcome outcome)
      throws CoordinationFailure {
    if (step.getRunOptions().getTargetLimit() > 0) {
      recordResult(step, run, outcome);
    }
  }

  /**
   * A failed step publishes nothing, and neither does an unchanged one without output (a command
   * skipped by {@code creates}): the value published when it did run stays.
   */
  private static boolean publishes(StepOutcome outcome) {
    return !outcome.failed()
        && !(outcome.status() == StepResult.Status.UNCHANGED && outcome.output().isEmpty());
  }

  /**
   * Every deferred value of {@code step}: OUTPUTs from {@code outputs}, EXPORTs from the
   * reconciler.
   */
  public DeferredValues resolve(PlanStep step, Map<String, String> outputs)
      throws CoordinationFailure {
    return exports.resolve(step, outputs);
  }

  /** Reads an export of the step's namespace, waiting (up to the export timeout) for it. */
  public String readExport(PlanStep step, String name) throws CoordinationFailure {
    return exports.read(step, name);
  }

  /**
   * A serialize permit when the step has one and {@code hasChange} says the node would change;
   * otherwise {@link Permit#NONE} at once.
   */
  public Permit acquire(PlanStep step, RunScope run, ChangeCheck hasChange)
      throws CoordinationFailure {
    int count = step.getRunOptions().getSerializeCount();
    if (count <= 0) {
      return Permit.NONE;
    }
    if (!hasChange.wouldChange()) {
      log.info("event=permit_skipped step={} node={} reason=unchanged", step.getId(), node);
      return Permit.NONE;
    }
    CoordScope scope = run.scope(step);
    Instant deadline = clock.instant().plus(settings.permitTimeout());
    while (true) {
      AcquirePermitResponse reply = acquireOnce(scope);
      if (reply.getAcquired()) {
        return () -> release(scope);
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new CoordinationFailure(
            CoordinationFailure.Reason.TIMEOUT,
            "no serialize permit for step "
                + step.getId()
                + " within "
                + settings.permitTimeout()
                + "; held by "
                + String.join(", ", reply.getHoldersList()));
      }
    }
  }

  /** Whether a step would change the node. */
  @FunctionalInterface
  public interface ChangeCheck {
    boolean wouldChange();
  }

  private AcquirePermitResponse acquireOnce(CoordScope scope) throws CoordinationFailure {
    return withLease(
        leaseId ->
            client.call(
                "acquire permit",
                s ->
                    s.acquirePermit(
                        AcquirePermitRequest.newBuilder()
                            .setScope(scope)
                            .setNode(node)
                            .setLeaseId(leaseId)
                            .setWaitMs(settings.pollWait().toMillis())
                            .build())));
  }

  private void release(CoordScope scope) {
    try {
      client.call(
          "release permit",
          s ->
              s.releasePermit(
                  ReleasePermitRequest.newBuilder().setScope(scope).setNode(node).build()));
    } catch (CoordinationFailure f) {
      log.warn(
          "event=permit_release_failed step={} node={} reason={}",
          scope.getStepId(),
          node,
          f.getMessage());
    }
  }

  /**
   * For a {@code sync} step: arrives at the barrier and waits until every alive node of the
   * TaskBook arrived, or fails naming the missing nodes after the step's timeout (default 10 min).
   */
  public void sync(PlanStep step, RunScope run) throws CoordinationFailure {
    RunOptions options = step.getRunOptions();
    if (!options.getSync()) {
      return;
    }
    Duration timeout =
        options.getSyncTimeoutMs() > 0
            ? Duration.ofMillis(options.getSyncTimeoutMs())
            : DEFAULT_SYNC_TIMEOUT;
    Instant deadline = clock.instant().plus(timeout);
    CoordScope scope = run.scope(step);
    BarrierState state = arrive(scope);
    AwaitBarrierRequest await =
        AwaitBarrierRequest.newBuilder()
            .setScope(scope)
            .setNode(node)
            .setWaitMs(settings.pollWait().toMillis())
            .build();
    while (!state.getPassed()) {
      if (!clock.instant().isBefore(deadline)) {
        throw new CoordinationFailure(
            CoordinationFailure.Reason.TIMEOUT,
            "sync barrier of step "
                + step.getId()
                + " timed out after "
                + timeout
                + "; missing nodes: "
                + String.join(", ", state.getMissingList()));
      }
      state = client.call("await barrier", s -> s.awaitBarrier(await));
    }
  }

  private BarrierState arrive(CoordScope scope) throws CoordinationFailure {
    return withLease(
        leaseId ->
            client.call(
                "arrive at barrier",
                s ->
                    s.arriveBarrier(
                        ArriveBarrierRequest.newBuilder()
                            .setScope(scope)
                            .setNode(node)
                            .setLeaseId(leaseId)
                            .build())));
  }

  /**
   * For a step this node skips (condition false, requirement failed, already applied): arrives at
   * its barrier without waiting and declines its run-once claim, so no other node waits for it.
   */
  public void pass(PlanStep step, RunScope run) throws CoordinationFailure {
    RunOptions options = step.getRunOptions();
    CoordScope scope = run.scope(step);
    if (options.getSync()) {
      arrive(scope);
    }
    if (options.getTargetLimit() > 0) {
      targets.decline(scope);
    }
  }

  /**
   * For a {@code target.limit} step: {@link TargetDecision.Run} when this node is chosen, else
   * waits for a chosen node's result (taking over if that node dies) and adopts it.
   */
  public TargetDecision claim(PlanStep step, RunScope run) throws CoordinationFailure {
    return targets.claim(step, run);
  }

  /** Records this node's outcome of a target.limit step for the nodes that did not run it. */
  public void recordResult(PlanStep step, RunScope run, StepOutcome outcome)
      throws CoordinationFailure {
    targets.recordResult(step, run, outcome);
  }

  /** Publishes the step's output as its export, when it has one. The value is never logged. */
  public void publish(PlanStep step, String output) throws CoordinationFailure {
    exports.publish(step, output);
  }

  private <T> T withLease(LeaseKeeper.LeasedCall<T> call) throws CoordinationFailure {
    return lease.withLease(call);
  }
}
