package dev.eden.agent.coord;

import com.google.protobuf.Struct;
import dev.eden.agent.cond.Conditions;
import dev.eden.proto.NodePlan;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the {@link StepGate} of each plan run. An agent connected to a reconciler passes its
 * started {@link StepCoordinator} and its labels; masterless use takes {@link #local()}.
 */
public final class StepGates {

  private final Optional<StepCoordinator> coordinator;
  private final Conditions conditions;
  private final Map<String, String> labels;

  public StepGates(
      Optional<StepCoordinator> coordinator, Conditions conditions, Map<String, String> labels) {
    this.coordinator = coordinator;
    this.conditions = conditions;
    this.labels = Map.copyOf(labels);
  }

  /** No reconciler: conditions and outputs only; retries really wait. */
  public static StepGates local() {
    return new StepGates(Optional.empty(), new Conditions(Pause.REAL), Map.of());
  }

  /**
   * The gate for one run of {@code plan}. Coordination is scoped by the plan's revision: every node
   * applying the same revision shares the same permits, barriers and run-once results.
   */
  public StepGate forRun(NodePlan plan, Struct facts) {
    String run = plan.getRevision().isEmpty() ? "unversioned" : plan.getRevision();
    return new StepGate(coordinator, conditions, plan.getNode(), labels, facts, run);
  }
}
