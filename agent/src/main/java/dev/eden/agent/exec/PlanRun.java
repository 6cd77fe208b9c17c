package dev.eden.agent.exec;

import dev.eden.agent.action.ActionContext;
import dev.eden.agent.action.Invoker;
import dev.eden.agent.action.Outcome;
import dev.eden.agent.coord.StepGate;
import dev.eden.agent.state.LocalState;
import dev.eden.proto.DeferredRef;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.StepResult;
import dev.eden.proto.TaskBookMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One pass over a plan's steps, in order. For each step: resolve (requirements, mode, deferred
 * values) → apply the action → keep its result for later steps ({@code requires}, {@code output},
 * {@code reloadOn}).
 */
final class PlanRun {
  private final Invoker invoker;
  private final ActionContext ctx;
  private final Clock clock;
  private final Optional<LocalState> state;
  private final Map<String, StepResult.Status> statusById = new ConcurrentHashMap<>();
  private final Map<String, String> outputs = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final Set<String> wantedOutputs = new HashSet<>();
  private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
  private final StepGate gate;

  PlanRun(
      Invoker invoker, ActionContext base, Clock clock, Optional<LocalState> state, StepGate gate) {
    this.invoker = invoker;
    this.gate = gate;
    this.clock = clock;
    this.state = state;
    this.ctx =
        new ActionContext(
            base.fs(), base.dryRun(), base.runner(), base.facts(), changed::contains, false);
  }

  List<StepResult> run(NodePlan plan, int parallelism) {
    for (PlanStep step : plan.getStepsList()) {
      for (DeferredRef ref : step.getDeferredList()) {
        if (ref.getKind() == DeferredRef.Kind.OUTPUT) {
          wantedOutputs.add(ref.getName());
        }
      }
    }
    if (parallelism > 1) {
      return new ParallelRun(this::runStep, ctx.fs(), parallelism).run(plan.getStepsList());
    }
    List<StepResult> results = new ArrayList<>(plan.getStepsCount());
    for (PlanStep step : plan.getStepsList()) {
      results.add(runStep(step));
    }
    return results;
  }

  /** Fingerprints of the once/manual steps that ran, for the state to remember. */
  Map<String, String> fingerprints() {
    return fingerprints;
  }

  private StepResult runStep(PlanStep step) {
    Instant started = clock.instant();
    Outcome outcome = decide(step);
    Duration took = Duration.between(started, clock.instant());
    StepResult result = Reports.stepResult(step, outcome, started, took);
    statusById.put(step.getId(), result.getStatus());
    if (wantedOutputs.contains(step.getId())) {
      outputs.put(step.getId(), outcome.output());
    }
    if (outcome instanceof Outcome.Changed) {
      changed.add(step.getId());
      changed.add(step.getName());
    }
    return result;
  }

  private Outcome decide(PlanStep step) {
    Optional<String> blocked = blockedBy(step);
    if (blocked.isPresent()) {
      gate.pass(step);
      return new Outcome.Skipped(blocked.get());
    }
    String fingerprint = "";
    if (step.getMode() == TaskBookMode.ONCE || step.getMode() == TaskBookMode.MANUAL) {
      fingerprint = StepFingerprint.of(step);
      if (alreadyApplied(step, fingerprint)) {
        gate.pass(step);
        return new Outcome.Skipped("already applied (" + modeName(step) + " TaskBook)");
      }
    }
    // deferred values, conditions and coordination (issue 7) live in the gate
    Outcome o =
        gate.run(
            step,
            (params, dryRun) ->
                invoker.invoke(step.getAction(), params, context(dryRun, step.getSensitive())));
    if (!fingerprint.isEmpty() && !(o instanceof Outcome.Failed)) {
      fingerprints.put(step.getId(), fingerprint);
    }
    return o;
  }

  private Optional<String> blockedBy(PlanStep step) {
    for (String req : step.getRequiresList()) {
      StepResult.Status s = statusById.get(req);
      if (s == null) {
        return Optional.of("requirement '" + req + "' has not run before this step");
      }
      if (s == StepResult.Status.FAILED) {
        return Optional.of("requirement '" + req + "' failed");
      }
      if (s == StepResult.Status.SKIPPED) {
        return Optional.of("requirement '" + req + "' was skipped");
      }
    }
    return Optional.empty();
  }

  private ActionContext context(boolean dryRun, boolean sensitive) {
    ActionContext c = ctx.withSensitive(sensitive);
    return dryRun && !c.dryRun()
        ? new ActionContext(c.fs(), true, c.runner(), c.facts(), c.changedEarlier(), sensitive)
        : c;
  }

  private boolean alreadyApplied(PlanStep step, String fingerprint) {
    return state
        .flatMap(s -> s.lastSuccessFingerprint(step.getId()))
        .map(fingerprint::equals)
        .orElse(false);
  }

  private static String modeName(PlanStep step) {
    return step.getMode() == TaskBookMode.ONCE ? "once" : "manual";
  }
}
