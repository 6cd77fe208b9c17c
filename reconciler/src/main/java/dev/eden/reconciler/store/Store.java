package dev.eden.reconciler.store;

import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.Origin;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.RunReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the reconciler must not forget across restarts. Implementations are thread-safe; every
 * write is one transaction. Failures are {@link StoreException}.
 */
public interface Store extends AutoCloseable {

  /**
   * Records an accepted revision and makes it current, with the plans of every node it compiled, in
   * one transaction. Nodes absent from {@code plans} no longer have a plan.
   */
  void acceptRevision(RevisionInfo revision, Map<String, NodePlan> plans);

  /** Records a rejected revision; the current revision and the plans stay as they are. */
  void rejectRevision(RevisionInfo revision);

  /** The revision being served, if any revision was ever accepted. */
  Optional<RevisionInfo> currentRevision();

  Optional<RevisionInfo> revision(String id);

  /** The newest first. */
  List<RevisionInfo> listRevisions(int limit);

  /** Replaces the plans of the given nodes only (one node's facts changed). */
  void putPlans(Map<String, NodePlan> plans);

  /** Node name → the plan it is served now (revision set to the revision that compiled it). */
  Map<String, NodePlan> currentPlans();

  /** Records a registration: labels, facts, agent version, time seen. */
  void saveNode(NodeInfo info, Instant seen);

  /** Remembers that a registered node called at {@code seen}; unknown names are ignored. */
  void touchNode(String name, Instant seen);

  Optional<StoredNode> node(String name);

  /** Registered nodes, by name. */
  List<StoredNode> listNodes();

  /**
   * Stores a run report and its step results once.
   *
   * @return false when a report with the same run id was stored before (nothing changed)
   */
  boolean saveRun(RunReport report);

  /** The newest first; {@code node} "" means every node. */
  List<RunReport> listRuns(String node, int limit);

  /**
   * Stores an event and gives it a seq. An event whose id is already stored is returned as stored.
   * A repeat of a stored event (same type, reason, object, node and message) folds into it: count
   * and last time grow and it gets a new seq, so watchers see it again.
   */
  Event recordEvent(Event event);

  /** Oldest first. */
  List<Event> listEvents(EventQuery query);

  /**
   * Stores a new dispatch in one transaction: its status (every node {@code Pending}) and the run
   * compiled for each of its nodes.
   */
  void saveDispatch(DispatchStatus status, Map<String, DispatchedRun> runs);

  /** A dispatch with every node's state now. */
  Optional<DispatchStatus> dispatch(String id);

  /**
   * Dispatches, oldest first.
   *
   * @param origin only those from this origin; the default instance for every origin
   * @param pendingOnly only those with a node still {@code Pending}
   */
  List<DispatchStatus> listDispatches(Origin origin, boolean pendingOnly);

  /** The runs still {@code Pending} on each node, oldest dispatch first, by node. */
  Map<String, List<DispatchedRun>> pendingDispatchedRuns();

  /**
   * Records how a dispatch ended on one node (state, run id, message, finished), if that node is
   * still {@code Pending} there.
   *
   * @return false when the node was not pending in that dispatch (finished before, or unknown)
   */
  boolean finishDispatch(String id, DispatchNode outcome);

  /** The approved and pending versions of TaskBooks ({@code approval: manual}). */
  ApprovalStore approvals();

  /**
   * Remembers that a Trigger reacted.
   *
   * @param trigger {@code namespace/name}
   * @param spec a fingerprint of the Trigger's spec: a changed spec starts afresh
   */
  void saveTriggerReaction(String trigger, String spec, Instant at);

  /** When {@code trigger} last reacted with this spec; empty when never, or with another spec. */
  Optional<Instant> lastTriggerReaction(String trigger, String spec);

  /**
   * Applies the retention rules: deletes the events that last happened before {@code olderThan},
   * then every event but the newest {@code keepNewest}.
   */
  PrunedEvents pruneEvents(Instant olderThan, int keepNewest);

  /**
   * Marks as lost, at {@code at}, every registered node last seen before {@code seenBefore} and not
   * marked lost already, in one transaction.
   *
   * @return the nodes marked now (each is returned once per loss)
   */
  List<StoredNode> markLost(Instant seenBefore, Instant at);

  /**
   * Clears the lost mark of {@code node}.
   *
   * @return when it had been marked lost; empty when it was not lost (or is unknown)
   */
  Optional<Instant> clearLost(String node);

  @Override
  void close();
}
