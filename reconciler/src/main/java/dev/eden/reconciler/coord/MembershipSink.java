package dev.eden.reconciler.coord;

import dev.eden.proto.DispatchedRun;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.pipeline.AcceptedRevision;
import dev.eden.reconciler.pipeline.RevisionSink;
import dev.eden.reconciler.store.Store;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coordination membership as the first action of persisting a revision: who is in each barrier and
 * who the candidates of each {@code target.limit} are, recorded from the compiled plans before the
 * store serves them. Records that cannot be written refuse the revision (the last one keeps
 * serving). Records of revisions no longer served are pruned: the one served now and the one about
 * to serve stay (runs in flight finish), as do those of pending dispatches.
 */
public final class MembershipSink implements RevisionSink {

  private static final Logger LOG = LoggerFactory.getLogger(MembershipSink.class);

  private final CoordinationStore coordination;
  private final Store store;

  public MembershipSink(CoordinationStore coordination, Store store) {
    this.coordination = coordination;
    this.store = store;
  }

  @Override
  public void accepting(AcceptedRevision next) throws Refused {
    try {
      coordination.recordMembers(Memberships.ofRevision(next.id(), next.plans()));
    } catch (CoordinationStoreException e) {
      throw new Refused(
          "coordination records of " + next.id() + " not written: " + e.getMessage(), e);
    }
    Optional<String> serving = store.currentRevision().map(RevisionInfo::getId);
    if (!serving.equals(Optional.of(next.id()))) {
      prune(next.id(), serving); // only a switch leaves records behind, not a recompile pass
    }
  }

  /** A failure only leaves stale records behind: no plan of theirs is served. */
  private void prune(String next, Optional<String> serving) {
    Set<String> revisions = new HashSet<>(Set.of(next));
    serving.ifPresent(revisions::add);
    Set<String> dispatches =
        store.pendingDispatchedRuns().values().stream()
            .flatMap(List::stream)
            .map(DispatchedRun::getId)
            .collect(Collectors.toSet());
    try {
      coordination.pruneMembers(revisions, dispatches);
    } catch (CoordinationStoreException e) {
      LOG.warn("event=members_prune_failed revision={} error=\"{}\"", next, e.getMessage());
    }
  }
}
