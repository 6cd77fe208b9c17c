package dev.eden.reconciler.pipeline;

import dev.eden.proto.RevisionInfo;
import java.util.Set;

/** What one pass of the revision pipeline did. */
public sealed interface SyncResult {

  /** The branch head is a revision already processed (accepted or rejected). */
  record Unchanged(RevisionInfo revision) implements SyncResult {}

  /** A new revision now serves; {@code changedNodes} got a new plan hash. */
  record Accepted(RevisionInfo revision, Set<String> changedNodes) implements SyncResult {}

  /** A new revision was rejected; the last good one keeps serving. */
  record Rejected(RevisionInfo revision) implements SyncResult {}

  /** The fetch failed; nothing changed. {@code reason} has no credentials. */
  record FetchFailed(String reason) implements SyncResult {}

  /** The revision after this pass, or null when the fetch failed. */
  default RevisionInfo revisionOrNull() {
    if (this instanceof Unchanged u) {
      return u.revision();
    } else if (this instanceof Accepted a) {
      return a.revision();
    } else if (this instanceof Rejected r) {
      return r.revision();
    }
    return null;
  }
}
