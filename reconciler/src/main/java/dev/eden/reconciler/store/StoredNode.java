package dev.eden.reconciler.store;

import dev.eden.proto.NodeInfo;
import java.time.Instant;

/**
 * A node as an agent announced it, with what the reconciler remembers about it.
 *
 * @param info name, labels, facts and agent version as last registered
 * @param lastSeen when the agent last called (register, plan, report)
 * @param lastAppliedRevision the revision of the last run without a failure ("" when none)
 * @param lastAttemptedRevision the revision of the last run ("" when none)
 */
public record StoredNode(
    NodeInfo info, Instant lastSeen, String lastAppliedRevision, String lastAttemptedRevision) {

  public String name() {
    return info.getName();
  }
}
