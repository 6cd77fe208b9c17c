package dev.eden.agent.coord;

import com.google.protobuf.Struct;
import dev.eden.agent.cond.Conditions;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import io.grpc.Channel;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Makes the {@link StepGate} of each plan run. An agent connected to a reconciler passes its
 * started {@link StepCoordinator} and its labels; masterless use takes {@link #local()}.
 */
public final class StepGates implements AutoCloseable {

  private final Optional<StepCoordinator> coordinator;
  private final Conditions conditions;
  private final Map<String, String> labels;

  public StepGates(
      Optional<StepCoordinator> coordinator, Conditions conditions, Map<String, String> labels) {
    this.coordinator = coordinator;
    this.conditions = conditions;
    this.labels = Map.copyOf(labels);
  }

  /**
   * For an agent connected to a reconciler over {@code channel}: starts a {@link StepCoordinator}
   * (its lease renewed on {@code scheduler}) with the default settings. {@link #close()} stops it.
   */
  public static StepGates connected(
      Channel channel,
      String node,
      Map<String, String> labels,
      ScheduledExecutorService scheduler) {
    StepCoordinator coordinator =
        new StepCoordinator(
            channel,
            node,
            Clock.systemUTC(),
            scheduler,
            StepCoordinator.Settings.defaults(),
            Pause.REAL);
    coordinator.start();
    return new StepGates(Optional.of(coordinator), new Conditions(Pause.REAL), labels);
  }

  /** No reconciler: conditions and outputs only; retries really wait. */
  public static StepGates local() {
    return new StepGates(Optional.empty(), new Conditions(Pause.REAL), Map.of());
  }

  /**
   * Whether a step must run alone (never batched with others): it is coordinated with other nodes
   * or has conditions.
   */
  public static boolean standsAlone(PlanStep step) {
    RunOptions r = step.getRunOptions();
    return r.getSerializeCount() > 0
        || r.getSync()
        || r.getTargetLimit() > 0
        || !step.getExport().getName().isEmpty()
        || !step.getConditions().getWhen().getExpression().isEmpty()
        || !step.getConditions().getSuccess().getExpression().isEmpty();
  }

  /**
   * The gate for one run of {@code plan}. Coordination is scoped by the plan's revision: every node
   * applying the same revision shares the same permits, barriers and run-once results.
   */
  public StepGate forRun(NodePlan plan, Struct facts) {
    return forRun(plan, facts, Struct.getDefaultInstance(), "");
  }

  /**
   * The same, for a dispatched run whose conditions see {@code event}: {@code dispatch} is its id,
   * by which the reconciler knows the nodes of its coordinated steps.
   */
  public StepGate forRun(NodePlan plan, Struct facts, Struct event, String dispatch) {
    RunScope run = RunScope.of(plan, dispatch);
    return new StepGate(coordinator, conditions, plan.getNode(), labels, facts, event, run);
  }

  /** Stops the coordinator, if any, revoking its lease. */
  @Override
  public void close() {
    coordinator.ifPresent(StepCoordinator::close);
  }
}
