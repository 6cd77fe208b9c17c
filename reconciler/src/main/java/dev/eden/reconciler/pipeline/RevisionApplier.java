package dev.eden.reconciler.pipeline;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.TaskBookInfo;
import dev.eden.reconciler.approval.ApprovalGate;
import dev.eden.reconciler.approval.TaskBookApprovals;
import dev.eden.reconciler.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that acts on a {@link PassOutcome}: persists it (the {@link RevisionSink}s first,
 * then the store), serves its plans, publishes the accepted revision and emits the events. Called
 * by the pipeline under its lock, one outcome at a time.
 */
final class RevisionApplier {

  private static final Logger LOG = LoggerFactory.getLogger(RevisionApplier.class);

  /**
   * What applying did.
   *
   * @param outcome the outcome as applied: an Accepted one a sink refused comes back Rejected
   * @param changed the nodes whose served plan hash changed
   */
  record Applied(PassOutcome outcome, Set<String> changed) {}

  private final Store store;
  private final PlanRegistry plans;
  private final EventLog events;
  private final Metrics metrics;
  private final AcceptedRevisions accepted;
  private final ApprovalGate gate;
  private final TaskBookApprovals approvals;
  private final List<RevisionSink> sinks;
  private final VerifyStep verify;

  RevisionApplier(
      Store store,
      PlanRegistry plans,
      EventLog events,
      Metrics metrics,
      AcceptedRevisions accepted,
      ApprovalGate gate,
      TaskBookApprovals approvals,
      List<RevisionSink> sinks,
      VerifyStep verify) {
    this.store = store;
    this.plans = plans;
    this.events = events;
    this.metrics = metrics;
    this.accepted = accepted;
    this.gate = gate;
    this.approvals = approvals;
    this.sinks = List.copyOf(sinks);
    this.verify = verify;
  }

  Applied apply(PassOutcome outcome) {
    if (outcome instanceof PassOutcome.Accepted a) {
      return accept(a);
    }
    if (outcome instanceof PassOutcome.Rejected r) {
      reject(r.failure());
    }
    return new Applied(outcome, Set.of());
  }

  // ---- accepted ------------------------------------------------------------------------------

  private Applied accept(PassOutcome.Accepted a) {
    if (a.change() instanceof PassOutcome.Change.Restored) {
      plans.replaceAll(a.next().plans());
      accepted.publish(a.next());
      return new Applied(a, Set.of());
    }
    Optional<String> refused = persist(a);
    if (refused.isPresent()) {
      PassOutcome.Rejected rejected = refusedBySink(a, refused.get());
      reject(rejected.failure());
      return new Applied(rejected, Set.of());
    }
    Map<String, String> before = plans.hashes();
    Set<String> changed =
        a.change() instanceof PassOutcome.Change.NewRevision
            ? plans.replaceAll(a.replaced())
            : plans.put(a.replaced());
    accepted.publish(a.next());
    changed.forEach(node -> planChanged(node, before.get(node), a.replaced().get(node)));
    if (a.change() instanceof PassOutcome.Change.NewRevision) {
      revisionAccepted(a.next(), changed);
    }
    announcePending(a.next().approvals());
    if (a.change() instanceof PassOutcome.Change.Approval approval) {
      taskBookApproved(approval);
    }
    return new Applied(a, changed);
  }

  /** Persists: every sink, then the store. Empty when done; the refusal's reason otherwise. */
  private Optional<String> persist(PassOutcome.Accepted a) {
    for (RevisionSink sink : sinks) {
      try {
        sink.accepting(a.next());
      } catch (RevisionSink.Refused e) {
        LOG.warn("event=revision_refused revision={} reason=\"{}\"", a.next().id(), e.getMessage());
        return Optional.of(e.getMessage());
      }
    }
    if (a.change() instanceof PassOutcome.Change.NewRevision) {
      store.acceptRevision(a.next().info(), a.next().plans());
    } else {
      store.putPlans(a.replaced());
    }
    return Optional.empty();
  }

  private static PassOutcome.Rejected refusedBySink(PassOutcome.Accepted a, String reason) {
    String error = "<revision>:1:1: " + reason;
    PassOutcome.Failure failure;
    if (a.change() instanceof PassOutcome.Change.NewRevision) {
      RevisionInfo info =
          a.next().info().toBuilder().setAccepted(false).clearErrors().addErrors(error).build();
      failure = new PassOutcome.Failure.Invalid(info);
    } else if (a.change() instanceof PassOutcome.Change.Approval approval) {
      failure = new PassOutcome.Failure.ApprovalNotCompiled(approval.given(), List.of(error));
    } else {
      failure = new PassOutcome.Failure.NotCompiled(a.next().id(), "", List.of(error));
    }
    return new PassOutcome.Rejected(failure, Optional.empty());
  }

  private void revisionAccepted(AcceptedRevision next, Set<String> changed) {
    RevisionInfo info = next.info();
    events.emit(
        Event.Type.NORMAL,
        Reason.REVISION_ACCEPTED,
        EventLog.object(EventKinds.REVISION, info.getId()),
        "",
        info.getId(),
        "revision "
            + info.getId()
            + " accepted: "
            + info.getObjects()
            + " objects, "
            + next.plans().size()
            + " nodes, "
            + changed.size()
            + " plan(s) changed");
    LOG.info(
        "event=revision_accepted revision={} nodes={} changed={}",
        info.getId(),
        next.plans().size(),
        changed.size());
  }

  private void taskBookApproved(PassOutcome.Change.Approval approval) {
    var approved = approval.given().approved();
    TaskBookInfo info = approvals.info(approved.taskBook(), plans.all().values());
    events.emit(
        Event.Type.NORMAL,
        Reason.TASKBOOK_APPROVED,
        taskBookRef(approved.taskBook()),
        "",
        approved.revision(),
        "TaskBook "
            + approved.taskBook()
            + ": version of "
            + approved.revision()
            + " approved by "
            + approval.by()
            + ", rolled out to "
            + info.getNodes()
            + " node(s)");
    LOG.info(
        "event=taskbook_approved taskbook={} revision={} by={}",
        approved.taskBook(),
        approved.revision(),
        approval.by());
  }

  /** One event for each TaskBook version the revision left waiting, the first time. */
  private void announcePending(ApprovalGate.Snapshot decisions) {
    for (ApprovalGate.NewlyPending p : gate.record(decisions)) {
      String taskBook = p.pending().taskBook();
      String waits =
          p.serving()
              .map(r -> "a new version waits for approval (serving the version of " + r + ")")
              .orElse("not rolled out until a version is approved");
      events.emit(
          Event.Type.NORMAL,
          Reason.TASKBOOK_PENDING_APPROVAL,
          taskBookRef(taskBook),
          "",
          p.pending().revision(),
          "TaskBook "
              + taskBook
              + ": "
              + waits
              + "; approve it with: eden approve "
              + taskBook
              + " --revision "
              + p.pending().revision());
    }
  }

  private void planChanged(String node, String before, NodePlan after) {
    events.emit(
        Event.Type.NORMAL,
        Reason.PLAN_CHANGED,
        EventLog.object(EventKinds.NODE, node),
        node,
        after == null ? "" : after.getRevision(),
        "plan " + shortHash(before) + " -> " + shortHash(after == null ? null : after.getHash()));
  }

  // ---- rejected ------------------------------------------------------------------------------

  private void reject(PassOutcome.Failure failure) {
    if (failure instanceof PassOutcome.Failure.FetchFailed f) {
      metrics.fetchFailed();
      events.emit(
          Event.Type.WARNING,
          Reason.FETCH_FAILED,
          EventLog.object(EventKinds.REVISION, f.branch()),
          "",
          "",
          f.reason());
    } else if (failure instanceof PassOutcome.Failure.Invalid invalid) {
      rejected(invalid.revision());
    } else if (failure instanceof PassOutcome.Failure.NotVerified n) {
      verify.reject(n.revision().toBuilder(), n.refused());
    } else if (failure instanceof PassOutcome.Failure.NotCompiled n) {
      notCompiled(n.revision(), n.node(), n.errors());
    } else if (failure instanceof PassOutcome.Failure.ApprovalNotCompiled n) {
      approvals.undo(n.given());
    } else if (failure instanceof PassOutcome.Failure.NotRestored n) {
      plans.replaceAll(n.stored());
      LOG.warn("event=revision_not_restored errors=\"{}\"", String.join("; ", n.errors()));
    }
  }

  /** A Warning event: a hosted push was refused before its ref moved; nothing else is written. */
  void pushRefused(String id, Reason reason, List<String> errors) {
    events.emit(
        Event.Type.WARNING,
        reason,
        EventLog.object(EventKinds.REVISION, id),
        "",
        id,
        "push of "
            + id
            + " refused with "
            + errors.size()
            + " error(s), the branch did not move:\n"
            + String.join("\n", errors));
  }

  private void rejected(RevisionInfo rejected) {
    String id = rejected.getId();
    List<String> errors = rejected.getErrorsList();
    store.rejectRevision(rejected);
    events.emit(
        Event.Type.WARNING,
        Reason.VALIDATION_FAILED,
        EventLog.object(EventKinds.REVISION, id),
        "",
        id,
        "revision "
            + id
            + " rejected with "
            + errors.size()
            + " error(s):\n"
            + String.join("\n", errors));
    LOG.warn("event=revision_rejected revision={} errors={}", id, errors.size());
  }

  /** A Warning event: the current revision, or one node's plan, did not compile. */
  private void notCompiled(String id, String node, List<String> errors) {
    events.emit(
        Event.Type.WARNING,
        Reason.VALIDATION_FAILED,
        EventLog.object(
            node.isEmpty() ? EventKinds.REVISION : EventKinds.NODE, node.isEmpty() ? id : node),
        node,
        id,
        (node.isEmpty() ? "revision " + id : "plan for node " + node)
            + " not compiled:\n"
            + String.join("\n", errors));
  }

  static ObjectRef taskBookRef(String taskBook) {
    int slash = taskBook.indexOf('/');
    return ObjectRef.newBuilder()
        .setKind(EventKinds.TASKBOOK)
        .setNamespace(taskBook.substring(0, slash))
        .setName(taskBook.substring(slash + 1))
        .build();
  }

  private static String shortHash(String hash) {
    return hash == null || hash.isEmpty() ? "none" : hash.substring(0, Math.min(12, hash.length()));
  }
}
