package dev.eden.reconciler.pipeline;

import dev.eden.common.Reason;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.TaskBookInfo;
import dev.eden.reconciler.approval.ApprovalException;
import dev.eden.reconciler.approval.ApprovalGate;
import dev.eden.reconciler.approval.TaskBookApprovals;
import dev.eden.reconciler.source.FetchResult;
import dev.eden.reconciler.source.GitCommit;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.store.StoredNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revision pipeline: desired (the branch head, the registered nodes, the approvals) → the steps
 * of {@link RevisionSteps} (fetch → load → validate → admit → compile) → one {@link PassOutcome}
 * ({@code Accepted | Rejected | Unchanged}, with when to come back) → {@link RevisionApplier}, the
 * one place that persists, serves and tells. One pass at a time (this object's lock); the fetch
 * runs outside it, so node changes are not held up by a slow remote.
 */
public final class RevisionPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(RevisionPipeline.class);

  private final RevisionSteps steps;
  private final RevisionApplier applier;
  private final Store store;
  private final PlanRegistry plans;
  private final AcceptedRevisions accepted;
  private final TaskBookApprovals approvals;
  private final Metrics metrics;
  private final Clock clock;
  private final Duration poll;
  private final String branch;
  private final VerifyStep verify;

  /**
   * @param accepted the holder this pipeline publishes to
   * @param sinks what must hold a revision before the store switches to it, in order
   * @param poll how long to wait before fetching again after a fetch failed
   */
  public RevisionPipeline(
      GitSource source,
      RevisionCompiler compiler,
      Store store,
      PlanRegistry plans,
      EventLog events,
      Metrics metrics,
      Clock clock,
      AcceptedRevisions accepted,
      List<RevisionSink> sinks,
      Duration poll) {
    this(
        source,
        compiler,
        store,
        plans,
        events,
        metrics,
        clock,
        accepted,
        sinks,
        poll,
        VerifyStep.off(source, store, events));
  }

  /** A pipeline whose heads pass {@code verify} (signed commits) between fetch and load. */
  public RevisionPipeline(
      GitSource source,
      RevisionCompiler compiler,
      Store store,
      PlanRegistry plans,
      EventLog events,
      Metrics metrics,
      Clock clock,
      AcceptedRevisions accepted,
      List<RevisionSink> sinks,
      Duration poll,
      VerifyStep verify) {
    this.verify = verify;
    ApprovalGate gate = new ApprovalGate(source, store.approvals(), clock);
    this.steps = new RevisionSteps(source, compiler, gate);
    this.approvals = new TaskBookApprovals(accepted::approvals, store.approvals(), clock);
    this.applier =
        new RevisionApplier(
            store, plans, events, metrics, accepted, gate, approvals, sinks, verify);
    this.store = store;
    this.plans = plans;
    this.accepted = accepted;
    this.clock = clock;
    this.poll = poll;
    this.branch = source.config().branch();
    this.metrics = metrics;
  }

  /**
   * Serves the last accepted revision again, before any fetch: its stored plans, and its objects
   * read back from the clone by commit id (the only time they are loaded outside a new revision).
   */
  public synchronized void restore() {
    Map<String, NodePlan> stored = store.currentPlans();
    Optional<RevisionInfo> current = store.currentRevision();
    if (current.isEmpty()) {
      plans.replaceAll(stored);
      LOG.info("event=plans_restored revision=none nodes={}", stored.size());
      return;
    }
    applier.apply(restored(current.get(), stored));
    LOG.info("event=plans_restored revision={} nodes={}", current.get().getId(), stored.size());
  }

  /** Fetches the branch and processes its head when it is a new commit. */
  public SyncResult sync() {
    return toSyncResult(pass());
  }

  /**
   * One pass of the poller: fetches and processes the head.
   *
   * @return when to come back
   */
  public Duration poll() {
    PassOutcome outcome = pass().outcome();
    return outcome instanceof PassOutcome.Rejected r ? r.retryAfter().orElse(poll) : poll;
  }

  private RevisionApplier.Applied pass() {
    FetchResult fetched = steps.fetch();
    synchronized (this) {
      if (accepted.current().isEmpty() && store.currentRevision().isPresent()) {
        restore(); // the clone could not be read at start-up
      }
      PassOutcome outcome =
          fetched instanceof FetchResult.Failed failed
              ? new PassOutcome.Rejected(
                  new PassOutcome.Failure.FetchFailed(branch, failed.reason()), Optional.of(poll))
              : head(((FetchResult.Head) fetched).commit());
      return applier.apply(outcome);
    }
  }

  /**
   * Recompiles {@code nodes} (they registered, or their labels or facts changed) against the
   * accepted revision, in one pass, and serves their plans and the plans that changed with them
   * (those that look these nodes up). Does nothing before the first accepted revision.
   */
  public synchronized void nodesChanged(Set<String> nodes) {
    Optional<AcceptedRevision> current = accepted.current();
    if (current.isEmpty() || nodes.isEmpty()) {
      return;
    }
    PassOutcome outcome = recompiled(current.get(), nodes);
    if (outcome instanceof PassOutcome.Rejected && nodes.size() > 1) {
      // tell which node does not compile: one pass each, as if they had come one by one
      nodes.forEach(n -> applier.apply(recompiled(accepted.current().orElseThrow(), Set.of(n))));
      return;
    }
    applier.apply(outcome);
  }

  /** The TaskBooks of the accepted revision and their versions: served, and waiting. */
  public TaskBookApprovals approvals() {
    return approvals;
  }

  /**
   * Approves a TaskBook version that waits ({@code approval: manual}) and rolls it out at once: the
   * accepted revision goes through the approval and compile steps again, for every node.
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
    AcceptedRevision current =
        accepted
            .current()
            .orElseThrow(() -> ApprovalException.failedPrecondition("no revision accepted yet"));
    PassOutcome applied = applier.apply(reapproved(current, given.get(), by)).outcome();
    var approved = given.get().approved();
    if (applied instanceof PassOutcome.Rejected r
        && r.failure() instanceof PassOutcome.Failure.ApprovalNotCompiled n) {
      throw ApprovalException.failedPrecondition(
          "the version of "
              + approved.taskBook()
              + " from "
              + approved.revision()
              + " does not compile now; not approved:\n"
              + String.join("\n", n.errors()));
    }
    return approvals.info(approved.taskBook(), plans.all().values());
  }

  // ---- the passes: steps combined into one outcome ---------------------------------------------

  private PassOutcome head(GitCommit head) {
    verify.recheckServed();
    String id = steps.revisionId(head.sha());
    Optional<RevisionInfo> known = store.revision(id);
    if (known.isPresent()
        && !isAcceptedButNotCurrent(known.get())
        && !verify.retries(known.get())) {
      RevisionInfo current = store.currentRevision().orElse(known.get());
      return new PassOutcome.Unchanged(
          known.get().toBuilder().setCurrent(current.getId().equals(id)).build());
    }
    return newRevision(head, id);
  }

  /** A commit accepted before but not current (a force-push back to it) is processed again. */
  private boolean isAcceptedButNotCurrent(RevisionInfo known) {
    Optional<RevisionInfo> current = store.currentRevision();
    return known.getAccepted()
        && current.isPresent()
        && !current.get().getId().equals(known.getId());
  }

  /** verify → load → validate → admit → compile, for every node. */
  private PassOutcome newRevision(GitCommit head, String id) {
    RevisionInfo.Builder fetched =
        RevisionInfo.newBuilder()
            .setId(id)
            .setCommit(head.sha())
            .setFetched(EventLog.timestamp(clock.instant()))
            .setMessage(head.subject());
    VerifyStep.Outcome verified = verify.check(head);
    if (verified instanceof VerifyStep.Outcome.Refused refused) {
      return new PassOutcome.Rejected(
          new PassOutcome.Failure.NotVerified(fetched.build(), refused), Optional.empty());
    }
    RevisionInfo info = fetched.setSigner(((VerifyStep.Outcome.Passed) verified).signer()).build();
    List<NodeInfo> nodes = registeredNodes();
    long start = System.nanoTime();
    Step<RevisionSteps.Candidate> candidate =
        steps
            .load(id, head.sha())
            .then(RevisionSteps::validate)
            .then(loaded -> steps.admitAndCompile(loaded, nodes));
    metrics.compiled(Duration.ofNanos(System.nanoTime() - start));
    if (candidate instanceof Step.Done<RevisionSteps.Candidate> done) {
      RevisionSteps.Candidate c = done.value();
      AcceptedRevision next =
          new AcceptedRevision(
              info.toBuilder().setAccepted(true).setObjects(c.compiled().objects()).build(),
              c.loaded(),
              c.admission().revision(),
              c.compiled().plans(),
              c.admission().decisions());
      return new PassOutcome.Accepted(next, next.plans(), new PassOutcome.Change.NewRevision());
    }
    return new PassOutcome.Rejected(
        new PassOutcome.Failure.Invalid(
            info.toBuilder().setAccepted(false).addAllErrors(candidate.errors()).build()),
        Optional.empty());
  }

  /** compile {@code only}, against the accepted revision as admitted. */
  private PassOutcome recompiled(AcceptedRevision current, Set<String> only) {
    Step<RevisionSteps.Compiled> compiled =
        steps.compile(current.admitted(), registeredNodes(), only);
    if (compiled instanceof Step.Done<RevisionSteps.Compiled> done) {
      Map<String, NodePlan> replaced = done.value().plans();
      return new PassOutcome.Accepted(
          current.withPlans(replaced), replaced, new PassOutcome.Change.Nodes(only));
    }
    String node = only.size() == 1 ? only.iterator().next() : "";
    return new PassOutcome.Rejected(
        new PassOutcome.Failure.NotCompiled(current.id(), node, compiled.errors()),
        Optional.empty());
  }

  /** admit → compile, for every node: the accepted revision with a new approval. */
  private PassOutcome reapproved(
      AcceptedRevision current, TaskBookApprovals.Given given, String by) {
    Step<RevisionSteps.Candidate> candidate =
        steps.admitAndCompile(current.loaded(), registeredNodes());
    if (candidate instanceof Step.Done<RevisionSteps.Candidate> done) {
      RevisionSteps.Candidate c = done.value();
      Map<String, NodePlan> replaced = c.compiled().plans();
      return new PassOutcome.Accepted(
          current.reapproved(c.admission().revision(), c.admission().decisions(), replaced),
          replaced,
          new PassOutcome.Change.Approval(given, by));
    }
    return new PassOutcome.Rejected(
        new PassOutcome.Failure.ApprovalNotCompiled(given, candidate.errors()), Optional.empty());
  }

  /** load → validate → admit: the stored revision as it served, with its stored plans. */
  private PassOutcome restored(RevisionInfo current, Map<String, NodePlan> stored) {
    Step<AcceptedRevision> next =
        steps
            .load(current.getId(), current.getCommit())
            .then(RevisionSteps::validate)
            .then(
                loaded ->
                    steps
                        .admit(loaded)
                        .map(
                            admission ->
                                new AcceptedRevision(
                                    current,
                                    loaded,
                                    admission.revision(),
                                    stored,
                                    admission.decisions())));
    if (next instanceof Step.Done<AcceptedRevision> done) {
      return new PassOutcome.Accepted(done.value(), stored, new PassOutcome.Change.Restored());
    }
    return new PassOutcome.Rejected(
        new PassOutcome.Failure.NotRestored(stored, next.errors()), Optional.empty());
  }

  private static SyncResult toSyncResult(RevisionApplier.Applied applied) {
    PassOutcome outcome = applied.outcome();
    if (outcome instanceof PassOutcome.Accepted a) {
      return new SyncResult.Accepted(
          a.next().info().toBuilder().setCurrent(true).build(), applied.changed());
    }
    if (outcome instanceof PassOutcome.Unchanged u) {
      return new SyncResult.Unchanged(u.revision());
    }
    PassOutcome.Failure failure = ((PassOutcome.Rejected) outcome).failure();
    if (failure instanceof PassOutcome.Failure.FetchFailed f) {
      return new SyncResult.FetchFailed(f.reason());
    }
    if (failure instanceof PassOutcome.Failure.NotVerified n) {
      return new SyncResult.Rejected(
          n.revision().toBuilder().setAccepted(false).addAllErrors(n.refused().errors()).build());
    }
    return new SyncResult.Rejected(((PassOutcome.Failure.Invalid) failure).revision());
  }

  /**
   * Verifies, loads, validates and compiles {@code candidate} for every known node without serving
   * or storing anything: the pre-receive check of a hosted push.
   *
   * @return the located errors (commits that do not verify, then manifest errors); empty when it
   *     would be accepted
   */
  public synchronized List<String> check(GitCommit candidate) {
    String id = steps.revisionId(candidate.sha());
    VerifyStep.Outcome verified = verify.check(candidate);
    if (verified instanceof VerifyStep.Outcome.Refused refused) {
      applier.pushRefused(id, Reason.VERIFICATION_FAILED, refused.errors());
      return refused.errors();
    }
    Step<RevisionSteps.Candidate> compiled =
        steps
            .load(id, candidate.sha())
            .then(RevisionSteps::validate)
            .then(loaded -> steps.admitAndCompile(loaded, registeredNodes()));
    if (!(compiled instanceof Step.Done<RevisionSteps.Candidate>)) {
      applier.pushRefused(id, Reason.VALIDATION_FAILED, compiled.errors());
      return compiled.errors();
    }
    return List.of();
  }

  private List<NodeInfo> registeredNodes() {
    return store.listNodes().stream().map(StoredNode::info).toList();
  }
}
