package dev.eden.reconciler.pipeline;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.source.CommitVerifier;
import dev.eden.reconciler.source.CommitVerifier.CommitCheck;
import dev.eden.reconciler.source.GitCommit;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.source.SignatureCheck;
import dev.eden.reconciler.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verify step, between fetch and load: every commit a new head brings after the last accepted
 * revision must be signed by an allowed signer, or the revision is rejected whole with a {@code
 * VerificationFailed} event and the last good revision keeps serving.
 *
 * <p>When the allowed signers change, the served revision is checked again (at start-up and at the
 * first sync after the change). If it no longer verifies it keeps serving, as Flux keeps the last
 * verified artifact: a Warning says so, and the next signed commit replaces it. A head that was
 * refused is checked again under the new signers.
 */
public final class VerifyStep {

  private static final Logger LOG = LoggerFactory.getLogger(VerifyStep.class);
  private static final String ERROR_PREFIX = "commit ";

  /** What the step decided for one head. */
  public sealed interface Outcome {
    /**
     * The head may be loaded.
     *
     * @param signer who signed the head ("" when verification is off)
     */
    record Passed(String signer) implements Outcome {}

    /**
     * The head must not be served.
     *
     * @param failures every commit that did not verify, newest first
     */
    record Refused(List<CommitCheck> failures) implements Outcome {
      public Refused {
        failures = List.copyOf(failures);
      }

      /** One line per commit, {@code commit <sha> "subject": why}, as revision errors. */
      public List<String> errors() {
        return failures.stream().map(f -> ERROR_PREFIX + f.describe()).toList();
      }
    }
  }

  private final Optional<CommitVerifier> verifier;
  private final GitSource source;
  private final Store store;
  private final EventLog events;
  private final Map<String, String> refusedUnder = new HashMap<>();
  private String servedCheckedUnder = "";

  public VerifyStep(
      Optional<CommitVerifier> verifier, GitSource source, Store store, EventLog events) {
    this.verifier = verifier;
    this.source = source;
    this.store = store;
    this.events = events;
  }

  /** A step that lets everything pass. */
  public static VerifyStep off(GitSource source, Store store, EventLog events) {
    return new VerifyStep(Optional.empty(), source, store, events);
  }

  /** Checks what {@code head} brings after the current revision. */
  public synchronized Outcome check(GitCommit head) {
    if (verifier.isEmpty()) {
      return new Outcome.Passed("");
    }
    Optional<String> since =
        store.currentRevision().map(RevisionInfo::getCommit).filter(s -> !s.equals(head.sha()));
    List<CommitCheck> checks;
    try {
      checks = verifier.get().verify(source, since, head.sha());
    } catch (IOException | RuntimeException e) {
      checks =
          List.of(
              new CommitCheck(
                  head.sha(),
                  head.subject(),
                  new SignatureCheck.BadSignature("cannot read the commits: " + e.getMessage())));
    }
    List<CommitCheck> failures = checks.stream().filter(c -> !c.result().verified()).toList();
    if (!failures.isEmpty()) {
      return new Outcome.Refused(failures);
    }
    return new Outcome.Passed(
        checks.stream()
            .filter(c -> c.sha().equals(head.sha()))
            .map(c -> ((SignatureCheck.Verified) c.result()).signer())
            .findFirst()
            .orElse(""));
  }

  /**
   * Records {@code info} as rejected with the refusal's errors and emits {@code
   * VerificationFailed}.
   */
  public synchronized SyncResult.Rejected reject(RevisionInfo.Builder info, Outcome.Refused r) {
    RevisionInfo rejected = info.setAccepted(false).addAllErrors(r.errors()).build();
    store.rejectRevision(rejected);
    refusedUnder.put(rejected.getId(), digest());
    String serving = store.currentRevision().map(RevisionInfo::getId).orElse("nothing");
    events.emit(
        Event.Type.WARNING,
        Reason.VERIFICATION_FAILED,
        EventLog.object(EventKinds.REVISION, rejected.getId()),
        "",
        rejected.getId(),
        "revision "
            + rejected.getId()
            + " rejected: "
            + r.failures().size()
            + " commit(s) not signed by an allowed signer:\n"
            + String.join("\n", r.errors())
            + "\nsign them (git commit -S, or git rebase --exec 'git commit --amend --no-edit -S')"
            + " and push again; serving "
            + serving);
    LOG.warn(
        "event=revision_not_verified revision={} commits={} serving={}",
        rejected.getId(),
        r.failures().size(),
        serving);
    return new SyncResult.Rejected(rejected);
  }

  /**
   * True when {@code known}, a head processed before, must be processed again: it was refused by
   * verification and the allowed signers changed since (or the reconciler restarted).
   */
  public synchronized boolean retries(RevisionInfo known) {
    if (verifier.isEmpty() || known.getAccepted() || !refusedByVerification(known)) {
      return false;
    }
    String before = refusedUnder.get(known.getId());
    return before == null || !before.equals(digest());
  }

  private static boolean refusedByVerification(RevisionInfo known) {
    return known.getErrorsList().stream().anyMatch(e -> e.startsWith(ERROR_PREFIX));
  }

  /**
   * Checks the served revision again when the allowed signers changed since it was last checked
   * (always once after start-up); a Warning when it no longer verifies. It keeps serving.
   */
  public synchronized void recheckServed() {
    Optional<RevisionInfo> current = store.currentRevision();
    if (verifier.isEmpty() || current.isEmpty()) {
      return;
    }
    String digest = digest();
    if (digest.equals(servedCheckedUnder)) {
      return;
    }
    servedCheckedUnder = digest;
    CommitCheck check;
    try {
      check = verifier.get().verifyOne(source, current.get().getCommit());
    } catch (IOException | RuntimeException e) {
      LOG.warn("event=served_not_rechecked revision={} error=\"{}\"", current.get().getId(), e);
      return;
    }
    if (check.result().verified()) {
      LOG.info("event=served_verified revision={}", current.get().getId());
      return;
    }
    served(current.get().getId(), check);
  }

  private void served(String id, CommitCheck check) {
    LOG.error(
        "event=served_revision_not_verified revision={} reason=\"{}\"",
        id,
        check.result().describe());
    events.emit(
        Event.Type.WARNING,
        Reason.VERIFICATION_FAILED,
        EventLog.object(EventKinds.REVISION, id),
        "",
        id,
        "the served revision "
            + id
            + " does not verify under the allowed signers now: "
            + ERROR_PREFIX
            + check.describe()
            + "\nit keeps serving (the last good revision); push a commit signed by an allowed"
            + " signer to replace it");
  }

  private String digest() {
    try {
      return verifier.map(CommitVerifier::signersDigest).orElse("");
    } catch (UncheckedIOException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
