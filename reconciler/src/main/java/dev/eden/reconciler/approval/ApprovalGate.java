package dev.eden.reconciler.approval;

import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.store.ApprovalStore;
import dev.eden.reconciler.store.ApprovalStore.Approved;
import dev.eden.reconciler.store.ApprovalStore.Pending;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.Approval;
import dev.eden.schema.model.Spec.TaskBookSpec;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roll-out gate for TaskBooks with {@code approval: manual}. Before a revision is compiled,
 * each such TaskBook whose version (see {@link TaskBookDigest}) differs from the approved one is
 * replaced by its approved version, read from the commit it was approved in, or left out when no
 * version was ever approved; the new version is pending. A version with {@code suspend: true} rolls
 * out at once (stopping needs no approval). {@code approval: auto} TaskBooks roll out as they are,
 * and their versions are recorded as approved by {@code auto}, so a TaskBook that later turns
 * manual keeps serving what it served.
 *
 * <p>{@link #decide} decides and writes nothing (the pipeline's approval step); {@link #record}
 * records what an accepted revision left pending and returns the versions pending for the first
 * time, for the caller to announce (the pipeline's applier). The decisions in force are part of the
 * accepted revision, not of this class.
 */
public final class ApprovalGate {

  private static final Logger LOG = LoggerFactory.getLogger(ApprovalGate.class);

  /** What a revision rolls out of one TaskBook. */
  public enum Status {
    /** The version in the revision (auto, or the approved one). */
    ROLLED_OUT,
    /** An older, approved version; the revision's version is pending. */
    HELD,
    /** Nothing: no version was ever approved; the revision's version is pending. */
    WITHHELD
  }

  /**
   * One TaskBook of a revision.
   *
   * @param taskBook {@code namespace/name}
   * @param current the TaskBook as the revision has it
   * @param digest the revision's version of it
   * @param approved the approved version when the decision was made
   * @param served what is compiled in its place when {@link Status#HELD}
   */
  public record Decision(
      String taskBook,
      Manifest current,
      String digest,
      Status status,
      Optional<Approved> approved,
      Optional<ApprovedVersions.Version> served) {

    public boolean manual() {
      return current.spec(TaskBookSpec.class).approval() == Approval.MANUAL;
    }
  }

  /** The decisions for one revision, TaskBooks in the revision's order. */
  public record Snapshot(String revision, String commit, List<Decision> taskBooks) {
    /** Before any revision. */
    public static final Snapshot NONE = new Snapshot("", "", List.of());

    public Snapshot {
      taskBooks = List.copyOf(taskBooks);
    }

    public Optional<Decision> find(String taskBook) {
      return taskBooks.stream().filter(d -> d.taskBook().equals(taskBook)).findFirst();
    }
  }

  /** A version pending for the first time, and the revision whose version is served meanwhile. */
  public record NewlyPending(Pending pending, Optional<String> serving) {}

  /**
   * What a loaded revision rolls out.
   *
   * @param revision the revision to compile in place of the loaded one (the same id)
   * @param decisions one per TaskBook, to record once the revision is accepted
   */
  public record Admission(Revision revision, Snapshot decisions) {}

  private final ApprovedVersions versions;
  private final ApprovalStore approvals;
  private final Clock clock;

  public ApprovalGate(GitSource source, ApprovalStore approvals, Clock clock) {
    this.versions = new ApprovedVersions(source);
    this.approvals = approvals;
    this.clock = clock;
  }

  /**
   * Decides which version of each TaskBook {@code loaded} rolls out, from the approvals stored now.
   * Writes nothing: {@link #record} does, once the revision is accepted.
   */
  public Admission decide(Revision loaded) {
    Snapshot decided = decide(loaded.id(), loaded);
    Map<String, Decision> byKey =
        decided.taskBooks().stream().collect(Collectors.toMap(Decision::taskBook, d -> d));
    if (byKey.values().stream().allMatch(d -> d.status() == Status.ROLLED_OUT)) {
      return new Admission(loaded, decided);
    }
    List<Manifest> objects = new ArrayList<>();
    Map<String, SourceTree> commits = new HashMap<>();
    for (Manifest m : loaded.objects()) {
      Decision d = m.kind() == Kind.TASK_BOOK ? byKey.get(key(m)) : null;
      if (d == null || d.status() == Status.ROLLED_OUT) {
        objects.add(m);
      } else if (d.status() == Status.HELD) {
        objects.add(d.served().orElseThrow().taskBook());
        commits.put(d.approved().orElseThrow().commit(), d.served().orElseThrow().tree());
      }
    }
    Revision admitted =
        new Revision(loaded.id(), objects, new ApprovedTree(loaded.tree(), commits));
    return new Admission(admitted, decided);
  }

  /**
   * Records what an accepted revision's decisions left pending, and the versions of its {@code
   * approval: auto} TaskBooks as approved.
   *
   * @return the versions pending for the first time
   */
  public List<NewlyPending> record(Snapshot s) {
    List<NewlyPending> fresh = new ArrayList<>();
    for (Decision d : s.taskBooks()) {
      if (!d.manual()) {
        if (!d.approved().map(a -> a.digest().equals(d.digest())).orElse(false)) {
          approvals.approve(
              new Approved(
                  d.taskBook(), s.revision(), s.commit(), d.digest(), "auto", clock.instant()));
        }
      } else if (d.status() != Status.ROLLED_OUT) {
        Pending p =
            new Pending(d.taskBook(), s.revision(), s.commit(), d.digest(), clock.instant());
        if (approvals.recordPending(p)) {
          Optional<String> serving =
              d.status() == Status.HELD ? d.approved().map(Approved::revision) : Optional.empty();
          fresh.add(new NewlyPending(p, serving));
        }
      }
    }
    return fresh;
  }

  private Snapshot decide(String revision, Revision loaded) {
    List<Decision> out = new ArrayList<>();
    for (Manifest m : loaded.objects()) {
      if (m.kind() == Kind.TASK_BOOK) {
        out.add(decide(m, loaded));
      }
    }
    return new Snapshot(revision, commitOf(revision), out);
  }

  private Decision decide(Manifest m, Revision loaded) {
    String key = key(m);
    String digest = TaskBookDigest.of(m, loaded.tree());
    Optional<Approved> approved = approvals.approved(key);
    Function<Status, Decision> as =
        status -> new Decision(key, m, digest, status, approved, Optional.empty());
    TaskBookSpec spec = m.spec(TaskBookSpec.class);
    if (spec.approval() == Approval.AUTO
        || spec.suspend()
        || approved.map(a -> a.digest().equals(digest)).orElse(false)) {
      return as.apply(Status.ROLLED_OUT);
    }
    if (approved.isEmpty()) {
      return as.apply(Status.WITHHELD);
    }
    try {
      Optional<ApprovedVersions.Version> version = versions.load(approved.get().commit(), key);
      if (version.isPresent()) {
        return new Decision(key, m, digest, Status.HELD, approved, version);
      }
      LOG.warn(
          "event=approved_version_missing taskbook={} revision={}", key, approved.get().revision());
    } catch (IOException e) {
      LOG.warn(
          "event=approved_version_unreadable taskbook={} revision={} error=\"{}\"",
          key,
          approved.get().revision(),
          e.getMessage());
    }
    return as.apply(Status.WITHHELD);
  }

  /** {@code namespace/name} of a TaskBook. */
  static String key(Manifest m) {
    return m.metadata().namespace().orElse("") + "/" + m.metadata().name();
  }

  /** The commit of a revision id written {@code branch@sha1:<sha>}. */
  static String commitOf(String revision) {
    int at = revision.lastIndexOf("@sha1:");
    return at < 0 ? revision : revision.substring(at + "@sha1:".length());
  }
}
