package dev.eden.reconciler.pipeline;

import dev.eden.proto.DispatchedRun;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.TaskBookInfo;
import dev.eden.reconciler.approval.ApprovalException;
import dev.eden.reconciler.approval.ApprovalGate;
import dev.eden.reconciler.approval.TaskBookApprovals;
import dev.eden.reconciler.compile.PlanHash;
import dev.eden.reconciler.coord.CoordinationStore;
import dev.eden.reconciler.coord.CoordinationStoreException;
import dev.eden.reconciler.coord.Memberships;
import dev.eden.reconciler.source.FetchResult;
import dev.eden.reconciler.source.GitCommit;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.store.ApprovalStore;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.store.StoredNode;
import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * fetch → load → validate → compile → store, one revision at a time. An accepted revision replaces
 * the last one whole; a rejected one changes nothing but the revision list and the events.
 */
public final class RevisionPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(RevisionPipeline.class);

  private final GitSource source;
  private final RevisionCompiler compiler;
  private final Store store;
  private final PlanRegistry plans;
  private final EventLog events;
  private final Metrics metrics;
  private final Clock clock;
  private final ApprovalGate gate;
  private final TaskBookApprovals approvals;
  private final CoordinationStore coordination;
  private final Object fetchLock = new Object();

  public RevisionPipeline(
      GitSource source,
      RevisionCompiler compiler,
      Store store,
      PlanRegistry plans,
      EventLog events,
      Metrics metrics,
      Clock clock,
      CoordinationStore coordination) {
    this.coordination = coordination;
    this.source = source;
    this.compiler = compiler;
    this.store = store;
    this.plans = plans;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.gate = new ApprovalGate(source, store, clock);
    this.approvals = new TaskBookApprovals(gate, store.approvals(), clock);
  }

  /** Serves the plans of the last accepted revision from the store, before any fetch. */
  public synchronized void restore() {
    Map<String, NodePlan> stored = store.currentPlans();
    store
        .currentRevision()
        .ifPresent(
            r -> {
              coordination.recordMembers(Memberships.ofRevision(r.getId(), stored));
              pruneMembers(r.getId(), Optional.empty());
            });
    plans.replaceAll(stored);
    LOG.info(
        "event=plans_restored revision={} nodes={}",
        store.currentRevision().map(RevisionInfo::getId).orElse("none"),
        stored.size());
  }

  /**
   * Fetches the branch and processes its head when it is a new commit. The fetch runs outside the
   * pipeline lock, so registrations are not held up by a slow remote.
   */
  public SyncResult sync() {
    FetchResult fetched;
    synchronized (fetchLock) {
      fetched = source.fetch();
    }
    if (fetched instanceof FetchResult.Failed failed) {
      metrics.fetchFailed();
      events.emit(
          Event.Type.WARNING,
          Reasons.FETCH_FAILED,
          EventLog.object(Reasons.KIND_REVISION, source.config().branch()),
          "",
          "",
          failed.reason());
      return new SyncResult.FetchFailed(failed.reason());
    }
    return processHead(((FetchResult.Head) fetched).commit());
  }

  private synchronized SyncResult processHead(GitCommit head) {
    String id = source.config().revisionId(head.sha());
    Optional<RevisionInfo> known = store.revision(id);
    if (known.isPresent() && !isAcceptedButNotCurrent(known.get())) {
      RevisionInfo current = store.currentRevision().orElse(known.get());
      return new SyncResult.Unchanged(
          known.get().toBuilder().setCurrent(current.getId().equals(id)).build());
    }
    return process(head, id);
  }

  /** A commit accepted before but not current (a force-push back to it) is processed again. */
  private boolean isAcceptedButNotCurrent(RevisionInfo known) {
    Optional<RevisionInfo> current = store.currentRevision();
    return known.getAccepted()
        && current.isPresent()
        && !current.get().getId().equals(known.getId());
  }

  private SyncResult process(GitCommit head, String id) {
    List<NodeInfo> nodes = registeredNodes();
    long start = System.nanoTime();
    CompileOutcome outcome = compile(head, id, nodes, Set.of());
    metrics.compiled(Duration.ofNanos(System.nanoTime() - start));
    RevisionInfo.Builder info =
        RevisionInfo.newBuilder()
            .setId(id)
            .setCommit(head.sha())
            .setFetched(EventLog.timestamp(clock.instant()))
            .setMessage(head.subject());
    if (outcome instanceof CompileOutcome.Accepted accepted) {
      return accept(info.setAccepted(true).setObjects(accepted.objects()).build(), accepted, nodes);
    }
    List<String> errors = ((CompileOutcome.Rejected) outcome).errors();
    RevisionInfo rejected = info.setAccepted(false).addAllErrors(errors).build();
    store.rejectRevision(rejected);
    events.emit(
        Event.Type.WARNING,
        Reasons.VALIDATION_FAILED,
        EventLog.object(Reasons.KIND_REVISION, id),
        "",
        id,
        "revision "
            + id
            + " rejected with "
            + errors.size()
            + " error(s):\n"
            + String.join("\n", errors));
    LOG.warn("event=revision_rejected revision={} errors={}", id, errors.size());
    return new SyncResult.Rejected(rejected);
  }

  private SyncResult accept(
      RevisionInfo info, CompileOutcome.Accepted outcome, List<NodeInfo> nodes) {
    Map<String, NodePlan> sealed = seal(outcome.plans(), info.getId(), Set.of());
    for (NodeInfo node : nodes) {
      sealed.computeIfAbsent(node.getName(), n -> emptyPlan(n, info.getId()));
    }
    Map<String, String> before = plans.hashes();
    Optional<String> previous = store.currentRevision().map(RevisionInfo::getId);
    // membership before the switch: records that cannot be written leave the last revision serving
    coordination.recordMembers(Memberships.ofRevision(info.getId(), sealed));
    store.acceptRevision(info, sealed);
    Set<String> changed = plans.replaceAll(sealed);
    changed.forEach(node -> planChanged(node, before.get(node), sealed.get(node)));
    events.emit(
        Event.Type.NORMAL,
        Reasons.REVISION_ACCEPTED,
        EventLog.object(Reasons.KIND_REVISION, info.getId()),
        "",
        info.getId(),
        "revision "
            + info.getId()
            + " accepted: "
            + info.getObjects()
            + " objects, "
            + sealed.size()
            + " nodes, "
            + changed.size()
            + " plan(s) changed");
    LOG.info(
        "event=revision_accepted revision={} nodes={} changed={}",
        info.getId(),
        sealed.size(),
        changed.size());
    pruneMembers(info.getId(), previous);
    announcePending(info.getId());
    return new SyncResult.Accepted(info.toBuilder().setCurrent(true).build(), changed);
  }

  /**
   * Recompiles one node after it registered or its labels or facts changed, against the current
   * revision, and notifies its watchers when its hash changed. Plans the compiler returns for other
   * nodes (those that look this node up) are served as well.
   *
   * @return the node's plan now, empty when no revision was ever accepted
   */
  public synchronized Optional<NodePlan> nodeChanged(String node) {
    Optional<RevisionInfo> current = store.currentRevision();
    if (current.isEmpty()) {
      return Optional.empty();
    }
    List<String> errors = recompile(current.get(), Set.of(node));
    if (!errors.isEmpty()) {
      notCompiled(current.get().getId(), node, errors);
    }
    return plans.plan(node);
  }

  /**
   * Compiles the current revision again for every node and serves the result: after a restart the
   * pipeline serves stored plans without compiling, and this makes the compiler hold the revision
   * again (what dispatches need). Plans that come out the same change nothing.
   *
   * @return false when no revision was ever accepted or the compile failed
   */
  public synchronized boolean compileCurrent() {
    Optional<RevisionInfo> current = store.currentRevision();
    if (current.isEmpty()) {
      return false;
    }
    List<String> errors = recompile(current.get(), Set.of());
    if (!errors.isEmpty()) {
      notCompiled(current.get().getId(), "", errors);
    }
    return errors.isEmpty();
  }

  /**
   * Compiles {@code only} (empty: every node) against {@code current} and serves the plans that
   * changed, with an empty plan for a node that has nothing to do. The compiler may return other
   * nodes too: those whose plans read this node (lookups).
   *
   * @return the located errors when it does not compile (nothing changed then)
   */
  private List<String> recompile(RevisionInfo current, Set<String> only) {
    String id = current.getId();
    GitCommit commit = new GitCommit(current.getCommit(), current.getMessage(), null);
    List<NodeInfo> nodes = registeredNodes();
    CompileOutcome outcome = compile(commit, id, nodes, only);
    if (outcome instanceof CompileOutcome.Rejected rejected) {
      return rejected.errors();
    }
    Map<String, NodePlan> sealed = seal(((CompileOutcome.Accepted) outcome).plans(), id, Set.of());
    Set<String> wanted =
        only.isEmpty() ? nodes.stream().map(NodeInfo::getName).collect(Collectors.toSet()) : only;
    wanted.forEach(n -> sealed.computeIfAbsent(n, x -> emptyPlan(x, id)));
    Map<String, String> before = plans.hashes();
    coordination.recordMembers(
        only.isEmpty() ? Memberships.ofRevision(id, sealed) : Memberships.ofNodes(id, sealed));
    store.putPlans(sealed);
    plans.put(sealed).forEach(n -> planChanged(n, before.get(n), sealed.get(n)));
    announcePending(id);
    return List.of();
  }

  /**
   * Keeps the membership records of the revision served now, of the one before (runs in flight
   * finish) and of pending dispatches; a failure only leaves stale records behind.
   */
  private void pruneMembers(String served, Optional<String> previous) {
    Set<String> revisions = new HashSet<>(Set.of(served));
    previous.ifPresent(revisions::add);
    Set<String> dispatches =
        store.pendingDispatchedRuns().values().stream()
            .flatMap(List::stream)
            .map(DispatchedRun::getId)
            .collect(Collectors.toSet());
    try {
      coordination.pruneMembers(revisions, dispatches);
    } catch (CoordinationStoreException e) {
      LOG.warn("event=members_prune_failed revision={} error=\"{}\"", served, e.getMessage());
    }
  }

  /** A Warning event: the current revision, or one node's plan, did not compile. */
  private void notCompiled(String id, String node, List<String> errors) {
    events.emit(
        Event.Type.WARNING,
        Reasons.VALIDATION_FAILED,
        EventLog.object(
            node.isEmpty() ? Reasons.KIND_REVISION : Reasons.KIND_NODE, node.isEmpty() ? id : node),
        node,
        id,
        (node.isEmpty() ? "revision " + id : "plan for node " + node)
            + " not compiled:\n"
            + String.join("\n", errors));
  }

  /** The TaskBooks of the current revision and their versions: served, and waiting. */
  public TaskBookApprovals approvals() {
    return approvals;
  }

  /**
   * Approves a TaskBook version that waits ({@code approval: manual}) and rolls it out at once: the
   * current revision is compiled again for every node with the new approval.
   *
   * @param revision the revision whose version to approve; "" for the one waiting now
   * @param by who approves, for the event
   * @return the TaskBook after the roll-out
   * @throws ApprovalException when there is no such TaskBook or waiting version, or the approved
   *     version does not compile (the approval is then taken back)
   */
  public synchronized TaskBookInfo approve(String taskBook, String revision, String by) {
    Optional<TaskBookApprovals.Given> given = approvals.approve(taskBook, revision, by);
    if (given.isEmpty()) {
      return approvals.info(taskBook, plans.all().values());
    }
    ApprovalStore.Approved approved = given.get().approved();
    RevisionInfo current =
        store
            .currentRevision()
            .orElseThrow(() -> ApprovalException.failedPrecondition("no revision accepted yet"));
    List<String> errors = recompile(current, Set.of());
    if (!errors.isEmpty()) {
      approvals.undo(given.get());
      throw ApprovalException.failedPrecondition(
          "the version of "
              + approved.taskBook()
              + " from "
              + approved.revision()
              + " does not compile now; not approved:\n"
              + String.join("\n", errors));
    }
    TaskBookInfo info = approvals.info(approved.taskBook(), plans.all().values());
    events.emit(
        Event.Type.NORMAL,
        Reasons.TASKBOOK_APPROVED,
        taskBookRef(approved.taskBook()),
        "",
        approved.revision(),
        "TaskBook "
            + approved.taskBook()
            + ": version of "
            + approved.revision()
            + " approved by "
            + by
            + ", rolled out to "
            + info.getNodes()
            + " node(s)");
    LOG.info(
        "event=taskbook_approved taskbook={} revision={} by={}",
        approved.taskBook(),
        approved.revision(),
        by);
    return info;
  }

  /**
   * One event for each TaskBook version that the accepted revision left waiting, the first time.
   */
  private void announcePending(String revision) {
    for (ApprovalGate.NewlyPending p : gate.accepted(revision)) {
      String taskBook = p.pending().taskBook();
      String waits =
          p.serving()
              .map(r -> "a new version waits for approval (serving the version of " + r + ")")
              .orElse("not rolled out until a version is approved");
      events.emit(
          Event.Type.NORMAL,
          Reasons.TASKBOOK_PENDING_APPROVAL,
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

  private static ObjectRef taskBookRef(String taskBook) {
    int slash = taskBook.indexOf('/');
    return ObjectRef.newBuilder()
        .setKind(Reasons.KIND_TASKBOOK)
        .setNamespace(taskBook.substring(0, slash))
        .setName(taskBook.substring(slash + 1))
        .build();
  }

  private CompileOutcome compile(
      GitCommit head, String id, List<NodeInfo> nodes, Set<String> only) {
    try {
      SourceTree tree = source.tree(head.sha());
      return compiler.compile(new CompileRequest(tree, id, nodes, only, gate));
    } catch (IOException | RuntimeException e) {
      LOG.error("event=compile_crashed revision={} error=\"{}\"", id, e.toString());
      return new CompileOutcome.Rejected(
          List.of(
              "<revision>:1:1: cannot compile "
                  + id
                  + ": "
                  + source.redactor().apply(e.toString())));
    }
  }

  private static Map<String, NodePlan> seal(
      Map<String, NodePlan> compiled, String revision, Set<String> only) {
    Map<String, NodePlan> sealed = new TreeMap<>();
    compiled.forEach(
        (node, plan) -> {
          if (only.isEmpty() || only.contains(node)) {
            NodePlan named =
                plan.getNode().equals(node)
                    ? plan
                    : plan.toBuilder().setNode(node).clearHash().build();
            sealed.put(node, PlanHash.seal(named, revision));
          }
        });
    return sealed;
  }

  private static NodePlan emptyPlan(String node, String revision) {
    return PlanHash.seal(NodePlan.newBuilder().setNode(node).build(), revision);
  }

  private List<NodeInfo> registeredNodes() {
    return store.listNodes().stream().map(StoredNode::info).toList();
  }

  private void planChanged(String node, String before, NodePlan after) {
    events.emit(
        Event.Type.NORMAL,
        Reasons.PLAN_CHANGED,
        EventLog.object(Reasons.KIND_NODE, node),
        node,
        after == null ? "" : after.getRevision(),
        "plan " + shortHash(before) + " -> " + shortHash(after == null ? null : after.getHash()));
  }

  private static String shortHash(String hash) {
    return hash == null || hash.isEmpty() ? "none" : hash.substring(0, Math.min(12, hash.length()));
  }
}
