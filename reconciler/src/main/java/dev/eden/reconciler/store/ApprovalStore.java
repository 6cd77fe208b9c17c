package dev.eden.reconciler.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The versions of TaskBooks that were approved for roll-out, and the versions that waited for an
 * approval, by TaskBook ({@code namespace/name}). A version is named by a content digest of the
 * TaskBook (its spec and the template files it names) and the revision it was seen in.
 */
public interface ApprovalStore {

  /**
   * The version of {@code taskbook} that may be rolled out.
   *
   * @param revision the revision it was approved in ({@code main@sha1:<sha>})
   * @param commit that revision's commit, where the version is read from
   * @param digest the version's content digest
   * @param by who approved it: {@code user:NAME}, or {@code auto} for {@code approval: auto}
   */
  record Approved(
      String taskBook, String revision, String commit, String digest, String by, Instant at) {}

  /** A version of {@code taskbook} that waited for approval in {@code revision}. */
  record Pending(String taskBook, String revision, String commit, String digest, Instant seen) {}

  Optional<Approved> approved(String taskbook);

  /** Records {@code approved} as the version to roll out, replacing the one before. */
  void approve(Approved approved);

  /** Forgets the approval of {@code taskbook} (an approval that could not be rolled out). */
  void revoke(String taskbook);

  /**
   * Remembers that {@code pending} waited in its revision.
   *
   * @return true when this version of the TaskBook was never pending before (in any revision)
   */
  boolean recordPending(Pending pending);

  /** Every version of {@code taskbook} that waited for approval, oldest first. */
  List<Pending> pendingOf(String taskbook);

  /** Every revision where {@code taskbook} had version {@code digest} pending, oldest first. */
  List<Pending> pendingVersions(String taskbook, String digest);
}
