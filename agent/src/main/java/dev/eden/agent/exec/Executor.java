package dev.eden.agent.exec;

import com.google.protobuf.TextFormat;
import dev.eden.agent.action.ActionContext;
import dev.eden.agent.action.Actions;
import dev.eden.agent.action.Invoker;
import dev.eden.agent.coord.StepGates;
import dev.eden.agent.fs.RootFs;
import dev.eden.agent.proc.CommandRunner;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.LocalState;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunTrigger;
import dev.eden.proto.StepResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link NodePlan} on this node and returns the {@link RunReport}. With a {@link
 * LocalState}, runs are numbered, guarded by {@code <data-dir>/run.lock}, and recorded (with the
 * report queued for the reconciler when asked); without one, the run is number 0 and leaves no
 * trace but its effects.
 *
 * <p>Masterless use: {@code new Executor(Clock.systemUTC()).apply(plan, ApplyOptions.defaults()
 * .withRoot(dir).withDryRun(true))}.
 */
public final class Executor {
  private static final Logger log = LoggerFactory.getLogger(Executor.class);
  private final Invoker invoker;
  private final CommandRunner runner;
  private final Clock clock;
  private final Optional<LocalState> state;
  private final boolean queueForReconciler;
  private final StepGates gates;

  /** Every standard action, real processes, no local state. */
  public Executor(Clock clock) {
    this(Actions.standard(), new ProcessRunner(), clock, Optional.empty(), false);
  }

  /**
   * @param state where runs are numbered and remembered (empty = none)
   * @param queueForReconciler also put each report and its events in the state's outbox
   */
  public Executor(
      Actions actions,
      CommandRunner runner,
      Clock clock,
      Optional<LocalState> state,
      boolean queueForReconciler) {
    this(actions, runner, clock, state, queueForReconciler, StepGates.local());
  }

  /**
   * As above, with the coordination and conditions around each step ({@link StepGates} with a
   * started {@code StepCoordinator} when connected to a reconciler).
   */
  public Executor(
      Actions actions,
      CommandRunner runner,
      Clock clock,
      Optional<LocalState> state,
      boolean queueForReconciler,
      StepGates gates) {
    this.gates = gates;
    this.invoker = new Invoker(actions);
    this.runner = runner;
    this.clock = clock;
    this.state = state;
    this.queueForReconciler = queueForReconciler;
  }

  /** Remembers runs in {@code state}; reports are not queued for a reconciler. */
  public static Executor withState(LocalState state, Clock clock) {
    return new Executor(Actions.standard(), new ProcessRunner(), clock, Optional.of(state), false);
  }

  /**
   * Applies {@code plan} (steps in order) and returns what each step did.
   *
   * @throws RunInProgressException when another run holds this data folder's lock
   */
  public RunReport apply(NodePlan plan, ApplyOptions opts) {
    if (state.isEmpty()) {
      return execute(plan, opts, 0).report();
    }
    LocalState s = state.get();
    RunLock lock = RunLock.take(s.dataDir());
    try {
      return record(s, plan, execute(plan, opts, s.nextRunNumber()));
    } finally {
      lock.close();
    }
  }

  /**
   * Runs each of the plan's dispatched runs that this node has not finished, in order, each as its
   * own run (trigger {@code dispatch}, its {@code dispatch_id} set). A run recorded for real is
   * never run again, also after a restart; a dry run is reported but not remembered.
   *
   * @return the reports of the runs made, in order
   * @throws RunInProgressException when another run holds this data folder's lock
   */
  public List<RunReport> applyDispatched(NodePlan plan, ApplyOptions opts) {
    List<RunReport> reports = new ArrayList<>();
    for (DispatchedRun dispatched : plan.getDispatchedList()) {
      NodePlan run =
          NodePlan.newBuilder()
              .setNode(plan.getNode())
              .setRevision(plan.getRevision())
              .setHash(plan.getHash())
              .addAllSteps(dispatched.getStepsList())
              .build();
      ApplyOptions dispatchOpts =
          opts.withTrigger(RunTrigger.RUN_TRIGGER_DISPATCH)
              .withEvent(dispatched.getEvent())
              .withDispatch(dispatched.getId());
      if (state.isEmpty()) {
        reports.add(asDispatch(execute(run, dispatchOpts, 0), dispatched).report());
        continue;
      }
      LocalState s = state.get();
      RunLock lock = RunLock.take(s.dataDir());
      try {
        if (s.dispatchFinished(dispatched.getId())) {
          continue;
        }
        Finished done = asDispatch(execute(run, dispatchOpts, s.nextRunNumber()), dispatched);
        reports.add(record(s, run, done));
        log.info(
            "event=dispatch-finished node={} dispatch={} taskbook={} origin={}",
            plan.getNode(),
            dispatched.getId(),
            dispatched.getTaskbook(),
            TextFormat.printer().emittingSingleLine(true).printToString(dispatched.getOrigin()));
      } finally {
        lock.close();
      }
    }
    return reports;
  }

  private static Finished asDispatch(Finished done, DispatchedRun dispatched) {
    RunReport report = done.report().toBuilder().setDispatchId(dispatched.getId()).build();
    return new Finished(report, done.fingerprints());
  }

  private RunReport record(LocalState s, NodePlan plan, Finished done) {
    ReportEventsRequest events = Reports.events(plan, done.report());
    s.recordRun(done.report(), done.fingerprints(), Optional.of(events), queueForReconciler);
    return done.report();
  }

  private record Finished(RunReport report, Map<String, String> fingerprints) {}

  private Finished execute(NodePlan plan, ApplyOptions opts, long number) {
    Instant started = clock.instant();
    RootFs fs = isRoot(opts.root()) ? RootFs.host() : RootFs.at(opts.root());
    ActionContext ctx =
        new ActionContext(fs, opts.dryRun(), runner, opts.facts(), x -> false, false);
    PlanRun run =
        new PlanRun(
            invoker,
            ctx,
            clock,
            state,
            gates.forRun(plan, opts.facts(), opts.event(), opts.dispatch()));
    List<StepResult> steps = run.run(plan, opts.parallelism());
    Instant finished = clock.instant();
    RunReport report =
        RunReport.newBuilder()
            .setRunId(UUID.randomUUID().toString())
            .setNode(plan.getNode())
            .setRunNumber(number)
            .setPlanHash(plan.getHash())
            .setRevision(plan.getRevision())
            .setStarted(ProtoTime.of(started))
            .setFinished(ProtoTime.of(finished))
            .addAllSteps(steps)
            .setDryRun(opts.dryRun())
            .setTrigger(opts.trigger())
            .build();
    int[] c = Reports.counts(steps);
    log.info(
        "event=run-finished node={} run={} plan={} changed={} unchanged={} failed={} skipped={}"
            + " dry_run={} ms={}",
        plan.getNode(),
        number,
        plan.getHash(),
        c[0],
        c[1],
        c[2],
        c[3],
        opts.dryRun(),
        Duration.between(started, finished).toMillis());
    return new Finished(report, run.fingerprints());
  }

  private static boolean isRoot(Path p) {
    return p.toAbsolutePath().normalize().getParent() == null;
  }
}
