package dev.eden.reconciler.coord;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which nodes are alive: a barrier waits only for them and a run-once claim chooses among them.
 * {@link #ofLeases} backs it with the coordination leases; the reconciler may back it with its
 * nodes' last heartbeat instead.
 */
@FunctionalInterface
public interface NodeLiveness {

  /** The nodes among {@code nodes} that are alive, in the given order. */
  List<String> alive(Collection<String> nodes);

  /** Alive = holds an unexpired coordination lease. */
  static NodeLiveness ofLeases(CoordinationStore store) {
    return nodes -> {
      Set<String> live = store.liveHolders();
      return nodes.stream().filter(live::contains).toList();
    };
  }
}
