package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodePlan;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.approval.ApprovalGate;
import dev.eden.reconciler.compile.Revision;
import java.util.HashMap;
import java.util.Map;

/**
 * The revision that serves: what every part of the reconciler reads (through {@link
 * AcceptedRevisions}) instead of loading manifests or keeping a copy of its own.
 *
 * @param info the stored revision (id, commit, message, object count)
 * @param loaded its objects and files as the commit has them
 * @param admitted what is compiled and run: {@code loaded} as the approval gate admitted it
 *     (TaskBooks waiting for approval in their approved version, or left out); what Triggers,
 *     CronJobs and dispatches read
 * @param plans each node's compiled plan, sealed (without dispatched runs)
 * @param approvals the approval decisions in force for its TaskBooks
 */
public record AcceptedRevision(
    RevisionInfo info,
    Revision loaded,
    Revision admitted,
    Map<String, NodePlan> plans,
    ApprovalGate.Snapshot approvals) {

  public AcceptedRevision {
    plans = Map.copyOf(plans);
  }

  public String id() {
    return info.getId();
  }

  /** The same revision with {@code changed} plans replaced (a node's recompile). */
  AcceptedRevision withPlans(Map<String, NodePlan> changed) {
    Map<String, NodePlan> next = new HashMap<>(plans);
    next.putAll(changed);
    return new AcceptedRevision(info, loaded, admitted, next, approvals);
  }

  /** The same revision recompiled after an approval: new admitted objects, decisions and plans. */
  AcceptedRevision reapproved(
      Revision admitted, ApprovalGate.Snapshot approvals, Map<String, NodePlan> changed) {
    return new AcceptedRevision(info, loaded, admitted, plans, approvals).withPlans(changed);
  }
}
