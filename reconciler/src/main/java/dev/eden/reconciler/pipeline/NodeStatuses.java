package dev.eden.reconciler.pipeline;

import dev.eden.common.Reason;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.NodeState;
import dev.eden.proto.NodeStatus;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunSummary;
import dev.eden.proto.StepResult;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.store.StoredNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The status of every known node (registered agents and nodes that only have a plan), computed from
 * what the store and the plan registry hold: desired (plan hash) against actual (last run).
 */
public final class NodeStatuses {

  /**
   * The states a node's status takes, in the order metrics list them ({@code NODE_STATE_PENDING}
   * belongs to enrollments waiting for approval, which only the control API lists).
   */
  public static final List<NodeState> STATES =
      List.of(
          NodeState.NODE_STATE_READY,
          NodeState.NODE_STATE_RECONCILING,
          NodeState.NODE_STATE_STALLED,
          NodeState.NODE_STATE_UNKNOWN);

  private static final int RUNS_TO_SCAN = 20;

  private final Store store;
  private final PlanRegistry plans;

  public NodeStatuses(Store store, PlanRegistry plans) {
    this.store = store;
    this.plans = plans;
  }

  /** Every known node, by name. */
  public List<NodeStatus> list() {
    Map<String, NodeStatus> byName = new TreeMap<>();
    for (StoredNode node : store.listNodes()) {
      byName.put(node.name(), status(Optional.of(node), node.name()));
    }
    for (String name : plans.all().keySet()) {
      byName.computeIfAbsent(name, n -> status(Optional.empty(), n));
    }
    return new ArrayList<>(byName.values());
  }

  private NodeStatus status(Optional<StoredNode> stored, String name) {
    NodeInfo info =
        stored.map(StoredNode::info).orElse(NodeInfo.newBuilder().setName(name).build());
    String hash = plans.plan(name).map(NodePlan::getHash).orElse("");
    NodeStatus.Builder b =
        NodeStatus.newBuilder()
            .setName(name)
            .putAllLabels(info.getLabelsMap())
            .setPlanHash(hash)
            .setRegistered(stored.isPresent());
    if (info.hasFacts()) {
      b.setFacts(info.getFacts());
    }
    stored.ifPresent(
        n ->
            b.setLastSeen(EventLog.timestamp(n.lastSeen()))
                .setLastAppliedRevision(n.lastAppliedRevision())
                .setLastAttemptedRevision(n.lastAttemptedRevision()));
    Optional<RunReport> last =
        store.listRuns(name, RUNS_TO_SCAN).stream()
            .filter(r -> !r.getDryRun() && r.getDispatchId().isEmpty())
            .findFirst();
    last.ifPresent(r -> b.setLastRun(summary(r)));
    Condition condition = condition(stored.isPresent(), hash, last);
    return b.setState(condition.state()).setReason(condition.reason().text()).build();
  }

  private record Condition(NodeState state, Reason reason) {}

  private static Condition condition(boolean registered, String hash, Optional<RunReport> last) {
    if (!registered) {
      return new Condition(NodeState.NODE_STATE_UNKNOWN, Reason.NOT_REGISTERED);
    }
    if (hash.isEmpty()) {
      return new Condition(NodeState.NODE_STATE_UNKNOWN, Reason.NO_PLAN);
    }
    if (last.isEmpty()) {
      return new Condition(NodeState.NODE_STATE_RECONCILING, Reason.NEVER_RUN);
    }
    if (summary(last.get()).getFailed() > 0) {
      return new Condition(NodeState.NODE_STATE_STALLED, Reason.STEP_FAILED);
    }
    if (!last.get().getPlanHash().equals(hash)) {
      return new Condition(NodeState.NODE_STATE_RECONCILING, Reason.PLAN_NOT_APPLIED);
    }
    return new Condition(NodeState.NODE_STATE_READY, Reason.RECONCILIATION_SUCCEEDED);
  }

  /** The counts of one run report. */
  public static RunSummary summary(RunReport r) {
    RunSummary.Builder s =
        RunSummary.newBuilder()
            .setRunId(r.getRunId())
            .setNode(r.getNode())
            .setRunNumber(r.getRunNumber())
            .setRevision(r.getRevision())
            .setPlanHash(r.getPlanHash())
            .setDryRun(r.getDryRun())
            .setTrigger(r.getTrigger());
    if (r.hasStarted()) {
      s.setStarted(r.getStarted());
    }
    if (r.hasFinished()) {
      s.setFinished(r.getFinished());
    }
    for (StepResult step : r.getStepsList()) {
      switch (step.getStatus()) {
        case CHANGED -> s.setChanged(s.getChanged() + 1);
        case UNCHANGED -> s.setUnchanged(s.getUnchanged() + 1);
        case FAILED -> s.setFailed(s.getFailed() + 1);
        case SKIPPED -> s.setSkipped(s.getSkipped() + 1);
        default -> {}
      }
    }
    return s.build();
  }
}
