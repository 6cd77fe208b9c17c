package dev.eden.reconciler.approval;

import dev.eden.common.error.ErrorKind;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.TaskBookInfo;
import dev.eden.reconciler.approval.ApprovalGate.Decision;
import dev.eden.reconciler.approval.ApprovalGate.Snapshot;
import dev.eden.reconciler.approval.ApprovalGate.Status;
import dev.eden.reconciler.store.ApprovalStore;
import dev.eden.reconciler.store.ApprovalStore.Approved;
import dev.eden.reconciler.store.ApprovalStore.Pending;
import dev.eden.schema.lang.NearNames;
import dev.eden.schema.model.Spec.TaskBookSpec;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What people see and do about TaskBook versions: every TaskBook of the current revision with the
 * version it serves and the one waiting, and approving a waiting version. Rolling the approval out
 * is the revision pipeline's job.
 */
public final class TaskBookApprovals {

  /**
   * An approval just recorded.
   *
   * @param before the approval it replaced, to put back if the new one cannot be rolled out
   */
  public record Given(Approved approved, Optional<Approved> before) {}

  private final Supplier<Snapshot> inForce;
  private final ApprovalStore store;
  private final Clock clock;

  /**
   * @param inForce the decisions of the accepted revision
   */
  public TaskBookApprovals(Supplier<Snapshot> inForce, ApprovalStore store, Clock clock) {
    this.inForce = inForce;
    this.store = store;
    this.clock = clock;
  }

  /** Every TaskBook of the current revision; {@code plans}: what each node is served now. */
  public List<TaskBookInfo> list(Collection<NodePlan> plans) {
    Snapshot s = inForce.get();
    return s.taskBooks().stream().map(d -> info(s, d, plans)).toList();
  }

  /**
   * TaskBook {@code name} ({@code namespace/name}, or {@code name} when one namespace has it).
   *
   * @throws ApprovalException NOT_FOUND or INVALID
   */
  public TaskBookInfo info(String name, Collection<NodePlan> plans) {
    Snapshot s = inForce.get();
    return info(s, find(s, name), plans);
  }

  /**
   * Approves the version of TaskBook {@code name} pending now, or the one pending in {@code
   * revision} (its full id, an id prefix or a commit prefix of at least 7 characters).
   *
   * @param by who approves, {@code user:NAME}
   * @return the approval recorded; empty when that version was already approved
   * @throws ApprovalException when no such TaskBook or pending version exists
   */
  public Optional<Given> approve(String name, String revision, String by) {
    Snapshot s = inForce.get();
    Decision d = find(s, name);
    if (!d.manual()) {
      throw ApprovalException.failedPrecondition(
          "TaskBook " + d.taskBook() + " has approval: auto; its versions roll out without one");
    }
    Pending version = revision.isBlank() ? pendingNow(s, d) : pendingIn(d, revision);
    Optional<Approved> before = store.approved(d.taskBook());
    if (before.map(a -> a.digest().equals(version.digest())).orElse(false)) {
      return Optional.empty();
    }
    Approved approved =
        new Approved(
            d.taskBook(),
            version.revision(),
            version.commit(),
            version.digest(),
            by,
            clock.instant());
    store.approve(approved);
    return Optional.of(new Given(approved, before));
  }

  /** Puts back the approval {@code given} replaced. */
  public void undo(Given given) {
    given.before().ifPresentOrElse(store::approve, () -> store.revoke(given.approved().taskBook()));
  }

  private Pending pendingNow(Snapshot s, Decision d) {
    if (d.status() == Status.ROLLED_OUT) {
      throw ApprovalException.failedPrecondition(
          "TaskBook "
              + d.taskBook()
              + " has no version waiting for approval; it serves the version of "
              + d.approved().map(Approved::revision).orElse(s.revision()));
    }
    return firstPending(d)
        .orElse(new Pending(d.taskBook(), s.revision(), s.commit(), d.digest(), clock.instant()));
  }

  private Pending pendingIn(Decision d, String revision) {
    List<Pending> all = store.pendingOf(d.taskBook());
    List<Pending> hits = all.stream().filter(p -> names(p.revision(), revision)).toList();
    if (hits.size() == 1) {
      return hits.get(0);
    }
    String waiting =
        d.status() == Status.ROLLED_OUT
            ? "no version of it waits now"
            : firstPending(d)
                .map(p -> "the version waiting now is from " + p.revision())
                .orElse("the version waiting now was not recorded yet");
    if (hits.size() > 1) {
      throw new ApprovalException(
          ErrorKind.INVALID_ARGUMENT,
          "revision " + revision + " is ambiguous for TaskBook " + d.taskBook() + "; give more");
    }
    throw ApprovalException.failedPrecondition(
        "TaskBook "
            + d.taskBook()
            + " had no version waiting for approval in revision "
            + revision
            + "; "
            + waiting);
  }

  /** True when {@code given} names revision {@code id}: all of it, a prefix, or a commit prefix. */
  private static boolean names(String id, String given) {
    String g = given.trim();
    if (id.equals(g)) {
      return true;
    }
    String commit = ApprovalGate.commitOf(id);
    return g.length() >= 7 && (commit.startsWith(g) || (g.contains("@sha1:") && id.startsWith(g)));
  }

  private Optional<Pending> firstPending(Decision d) {
    return store.pendingVersions(d.taskBook(), d.digest()).stream().findFirst();
  }

  private static Decision find(Snapshot s, String name) {
    List<String> keys = s.taskBooks().stream().map(Decision::taskBook).toList();
    if (name.contains("/")) {
      return s.find(name)
          .orElseThrow(
              () ->
                  new ApprovalException(
                      ErrorKind.NOT_FOUND,
                      "no TaskBook "
                          + name
                          + " in revision "
                          + s.revision()
                          + NearNames.hint(name, keys)));
    }
    List<Decision> named =
        s.taskBooks().stream().filter(d -> d.current().metadata().name().equals(name)).toList();
    if (named.size() == 1) {
      return named.get(0);
    }
    if (named.isEmpty()) {
      List<String> names = s.taskBooks().stream().map(d -> d.current().metadata().name()).toList();
      throw new ApprovalException(
          ErrorKind.NOT_FOUND,
          "no TaskBook " + name + " in revision " + s.revision() + NearNames.hint(name, names));
    }
    throw new ApprovalException(
        ErrorKind.INVALID_ARGUMENT,
        "TaskBook "
            + name
            + " is in several namespaces ("
            + String.join(", ", named.stream().map(Decision::taskBook).toList())
            + "); write namespace/name");
  }

  private TaskBookInfo info(Snapshot s, Decision d, Collection<NodePlan> plans) {
    TaskBookSpec spec = d.current().spec(TaskBookSpec.class);
    Optional<Approved> approved = store.approved(d.taskBook());
    String serving =
        switch (d.status()) {
          case ROLLED_OUT ->
              approved
                  .filter(a -> a.digest().equals(d.digest()))
                  .map(Approved::revision)
                  .orElse(s.revision());
          case HELD -> d.approved().map(Approved::revision).orElse("");
          case WITHHELD -> "";
        };
    String pending =
        d.status() == Status.ROLLED_OUT
            ? ""
            : firstPending(d).map(Pending::revision).orElse(s.revision());
    return TaskBookInfo.newBuilder()
        .setName(d.taskBook())
        .setMode(spec.mode().name().toLowerCase(Locale.ROOT))
        .setSuspend(spec.suspend())
        .setApproval(spec.approval().name().toLowerCase(Locale.ROOT))
        .setServingRevision(serving)
        .setPendingRevision(pending)
        .setNodes(nodes(d.taskBook(), plans))
        .setSource(d.current().pos().toString())
        .build();
  }

  /** The nodes whose plan carries steps of {@code taskBook}. */
  private static int nodes(String taskBook, Collection<NodePlan> plans) {
    return (int)
        plans.stream()
            .filter(
                p ->
                    p.getStepsList().stream().map(PlanStep::getTaskbook).anyMatch(taskBook::equals))
            .count();
  }
}
