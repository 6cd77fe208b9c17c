package dev.eden.agent.coord;

import com.google.protobuf.Struct;
import dev.eden.agent.action.Outcome;
import dev.eden.agent.cond.ConditionBindings;
import dev.eden.agent.cond.ConditionException;
import dev.eden.agent.cond.Conditions;
import dev.eden.proto.Condition;
import dev.eden.proto.DeferredRef;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import dev.eden.proto.StepResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands around each step of one plan run: deferred values → {@code when} → sync, target claim
 * and serialize permit → apply → {@code success} → export. Without a coordinator (masterless {@code
 * eden apply}) conditions and outputs still work; steps that need the reconciler fail with a clear
 * reason.
 */
public final class StepGate {

  private static final Logger log = LoggerFactory.getLogger(StepGate.class);

  /** The step's action, applied for real or as a dry run. */
  @FunctionalInterface
  public interface StepAction {
    Outcome apply(Struct parameters, boolean dryRun);
  }

  private final Optional<StepCoordinator> coordinator;
  private final Conditions conditions;
  private final String node;
  private final Map<String, String> labels;
  private final Map<String, Object> facts;
  private final Map<String, Object> event;
  private final RunScope run;
  private final Map<String, String> outputsById = new ConcurrentHashMap<>();
  private final Map<String, String> outputsByName = new ConcurrentHashMap<>();

  StepGate(
      Optional<StepCoordinator> coordinator,
      Conditions conditions,
      String node,
      Map<String, String> labels,
      Struct facts,
      Struct event,
      RunScope run) {
    this.coordinator = coordinator;
    this.conditions = conditions;
    this.node = node;
    this.labels = Map.copyOf(labels);
    this.facts = ConditionBindings.of(facts);
    this.event = ConditionBindings.of(event);
    this.run = run;
  }

  /** Runs one step and keeps its output for the steps after it. */
  public Outcome run(PlanStep step, StepAction action) {
    Outcome outcome = decide(step, action);
    outputsById.put(step.getId(), outcome.output());
    outputsByName.put(step.getName(), outcome.output());
    return outcome;
  }

  private Outcome decide(PlanStep step, StepAction action) {
    try {
      if (coordinator.isEmpty() && needsReconciler(step)) {
        return new Outcome.Failed(
            "runOptions (serialize, sync, target), exports and {{export}} need a reconciler", "");
      }
      Condition when = step.getConditions().getWhen();
      Conditions.Verdict verdict = conditions.awaitTrue(when, () -> bindings(step, ""));
      if (!verdict.satisfied()) {
        pass(step);
        return new Outcome.Skipped(
            "condition 'when' is false: " + when.getExpression() + tries(verdict));
      }
      if (coordinator.isEmpty()) {
        Struct params = new DeferredValues(localOutputs(step)).applyTo(step.getParameters());
        return applyUntilSuccess(step, params, action);
      }
      return coordinated(coordinator.get(), step, action);
    } catch (CoordinationFailure | ConditionException e) {
      return new Outcome.Failed(e.getMessage(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Failed("interrupted", "");
    }
  }

  /**
   * Tells the other nodes that this one skips {@code step} (it still arrives at a sync barrier and
   * is passed over by target.limit), so that none of them waits for it.
   */
  public void pass(PlanStep step) {
    if (coordinator.isEmpty()) {
      return;
    }
    try {
      coordinator.get().pass(step, run);
    } catch (CoordinationFailure f) {
      log.warn("event=pass_failed step={} node={} reason={}", step.getId(), node, f.getMessage());
    }
  }

  private Outcome coordinated(StepCoordinator c, PlanStep step, StepAction action)
      throws CoordinationFailure {
    AtomicReference<Outcome> local = new AtomicReference<>();
    StepBody body =
        new StepBody() {
          @Override
          public boolean wouldChange(Struct parameters) {
            return action.apply(parameters, true) instanceof Outcome.Changed;
          }

          @Override
          public StepOutcome apply(Struct parameters) {
            local.set(applyQuietly(step, parameters, action));
            return toStepOutcome(local.get());
          }
        };
    StepOutcome outcome = c.run(step, run, outputsById, body);
    return local.get() != null ? local.get() : toOutcome(outcome);
  }

  private Outcome applyQuietly(PlanStep step, Struct params, StepAction action) {
    try {
      return applyUntilSuccess(step, params, action);
    } catch (ConditionException e) {
      return new Outcome.Failed(e.getMessage(), "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Failed("interrupted", "");
    }
  }

  /** Applies; with a {@code success} condition, re-applies (its retry) until it holds. */
  private Outcome applyUntilSuccess(PlanStep step, Struct params, StepAction action)
      throws ConditionException, InterruptedException {
    Condition success = step.getConditions().getSuccess();
    if (success.getExpression().isBlank()) {
      return action.apply(params, false);
    }
    AtomicReference<Outcome> last = new AtomicReference<>();
    Conditions.Verdict verdict =
        conditions.awaitTrue(
            success,
            () -> {
              last.set(action.apply(params, false));
              return bindings(step, last.get().output());
            });
    if (!verdict.satisfied()) {
      return new Outcome.Failed(
          "condition 'success' is false: " + success.getExpression() + tries(verdict),
          last.get().output());
    }
    return last.get();
  }

  private ConditionBindings bindings(PlanStep step, String ownOutput) {
    Map<String, String> outputs = new HashMap<>(outputsByName);
    if (!ownOutput.isEmpty()) {
      outputs.put(step.getName(), ownOutput);
    }
    return new ConditionBindings(node, labels, facts, Map.of(), outputs, event);
  }

  private Map<String, String> localOutputs(PlanStep step) throws CoordinationFailure {
    Map<String, String> values = new HashMap<>();
    for (DeferredRef ref : step.getDeferredList()) {
      String value = outputsById.get(ref.getName());
      if (value == null) {
        throw new CoordinationFailure(
            CoordinationFailure.Reason.REJECTED,
            "output of step '" + ref.getName() + "' is not available");
      }
      values.put(ref.getToken(), value);
    }
    return values;
  }

  private static boolean needsReconciler(PlanStep step) {
    RunOptions r = step.getRunOptions();
    return r.getSerializeCount() > 0
        || r.getSync()
        || r.getTargetLimit() > 0
        || !step.getExport().getName().isEmpty()
        || step.getDeferredList().stream().anyMatch(d -> d.getKind() == DeferredRef.Kind.EXPORT);
  }

  private static String tries(Conditions.Verdict verdict) {
    return verdict.attempts() > 1 ? " (after " + verdict.attempts() + " tries)" : "";
  }

  static StepOutcome toStepOutcome(Outcome o) {
    StepResult.Status status;
    if (o instanceof Outcome.Changed) {
      status = StepResult.Status.CHANGED;
    } else if (o instanceof Outcome.Unchanged) {
      status = StepResult.Status.UNCHANGED;
    } else if (o instanceof Outcome.Skipped) {
      status = StepResult.Status.SKIPPED;
    } else {
      status = StepResult.Status.FAILED;
    }
    return new StepOutcome(status, o.message(), o.output());
  }

  static Outcome toOutcome(StepOutcome o) {
    return switch (o.status()) {
      case CHANGED -> new Outcome.Changed(o.message(), "", o.output());
      case UNCHANGED -> new Outcome.Unchanged(o.message(), o.output());
      case SKIPPED -> new Outcome.Skipped(o.message());
      default -> new Outcome.Failed(o.message(), o.output());
    };
  }
}
