package dev.eden.reconciler.coord;

import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.store.StoredNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Liveness and labels from the reconciler's {@link Store}: a node is alive when it holds a
 * coordination lease or was seen within {@code seenWithin}; its labels are those it registered.
 */
public final class RegisteredNodes implements NodeLiveness, NodeLabels {

  private final Store store;
  private final CoordinationStore coordination;
  private final Clock clock;
  private final Duration seenWithin;

  public RegisteredNodes(
      Store store, CoordinationStore coordination, Clock clock, Duration seenWithin) {
    this.store = store;
    this.coordination = coordination;
    this.clock = clock;
    this.seenWithin = seenWithin;
  }

  @Override
  public List<String> alive(Collection<String> nodes) {
    Set<String> leased = coordination.liveHolders();
    Instant since = clock.instant().minus(seenWithin);
    return nodes.stream()
        .filter(
            n ->
                leased.contains(n)
                    || store.node(n).map(StoredNode::lastSeen).filter(since::isBefore).isPresent())
        .toList();
  }

  @Override
  public Optional<Map<String, String>> of(String node) {
    return store.node(node).map(n -> Map.copyOf(n.info().getLabelsMap()));
  }
}
