package dev.eden.reconciler.api;

import dev.eden.common.Reason;
import dev.eden.proto.NodeState;
import dev.eden.proto.NodeStatus;
import dev.eden.reconciler.dispatch.TaskBookDispatcher;
import dev.eden.reconciler.events.NodePresence;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.Metrics;
import dev.eden.reconciler.pipeline.NodeChanges;
import dev.eden.reconciler.pipeline.NodeStatuses;
import dev.eden.reconciler.pipeline.PlanRegistry;
import dev.eden.reconciler.pipeline.RevisionPipeline;
import dev.eden.reconciler.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What the gRPC services work on.
 *
 * @param keepAlive how often open watch streams get a keep-alive
 * @param heartbeat how often agents are asked to show they are alive
 * @param dispatches TaskBook runs asked for now, finished by the agents' reports
 * @param pending enrollments waiting for approval (set once trust is up; none in insecure mode)
 * @param presence told whenever a node calls (a lost node is back)
 * @param listings the CronJobs and Triggers, for {@code eden get}, once they have started
 * @param nodeChanges where registrations and label or fact changes queue for a recompile
 */
public record Backend(
    Store store,
    PlanRegistry plans,
    RevisionPipeline pipeline,
    EventLog events,
    Metrics metrics,
    Clock clock,
    Duration keepAlive,
    Duration heartbeat,
    TaskBookDispatcher dispatches,
    AtomicReference<PendingEnrollments> pending,
    NodePresence presence,
    Listings listings,
    NodeChanges nodeChanges) {

  NodeStatuses statuses() {
    return new NodeStatuses(store, plans);
  }

  /**
   * Every known node, then the enrollments waiting for approval under names no node has yet, as
   * {@code Pending} / {@code AwaitingApproval}.
   */
  List<NodeStatus> nodesWithPending() {
    List<NodeStatus> nodes = new ArrayList<>(statuses().list());
    Set<String> known = nodes.stream().map(NodeStatus::getName).collect(Collectors.toSet());
    for (PendingEnrollments.Waiting w : pending.get().waiting()) {
      if (known.add(w.node())) {
        nodes.add(
            NodeStatus.newBuilder()
                .setName(w.node())
                .setState(NodeState.NODE_STATE_PENDING)
                .setReason(Reason.AWAITING_APPROVAL.text())
                .setLastSeen(EventLog.timestamp(w.requested()))
                .build());
      }
    }
    nodes.sort(Comparator.comparing(NodeStatus::getName));
    return nodes;
  }
}
