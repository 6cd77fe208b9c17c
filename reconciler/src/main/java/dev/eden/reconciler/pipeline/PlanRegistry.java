package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodePlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The plan each node is served now, and the watchers told when a node's plan hash changes. The
 * store holds the same data durably; this is the fast path for agents.
 */
public final class PlanRegistry {

  private final Map<String, NodePlan> plans = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<NodePlan>>> watchers = new ConcurrentHashMap<>();

  public Optional<NodePlan> plan(String node) {
    return Optional.ofNullable(plans.get(node));
  }

  public Map<String, NodePlan> all() {
    return Map.copyOf(plans);
  }

  /**
   * Serves exactly {@code next} from now on (nodes absent lose their plan) and notifies the
   * watchers of every node whose hash changed.
   *
   * @return the nodes whose hash changed, sorted
   */
  public Set<String> replaceAll(Map<String, NodePlan> next) {
    Set<String> changed = new TreeSet<>();
    synchronized (this) {
      for (String gone : Set.copyOf(plans.keySet())) {
        if (!next.containsKey(gone)) {
          plans.remove(gone);
          changed.add(gone);
        }
      }
      changed.addAll(putAll(next));
    }
    notifyWatchers(changed);
    return changed;
  }

  /**
   * Serves {@code some} for their nodes, leaving the others alone.
   *
   * @return the nodes whose hash changed, sorted
   */
  public Set<String> put(Map<String, NodePlan> some) {
    Set<String> changed;
    synchronized (this) {
      changed = putAll(some);
    }
    notifyWatchers(changed);
    return changed;
  }

  private Set<String> putAll(Map<String, NodePlan> some) {
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<String, NodePlan> e : some.entrySet()) {
      NodePlan old = plans.put(e.getKey(), e.getValue());
      if (old == null || !Objects.equals(old.getHash(), e.getValue().getHash())) {
        changed.add(e.getKey());
      }
    }
    return changed;
  }

  /** Old hash by node, for change events. */
  public Map<String, String> hashes() {
    Map<String, String> hashes = new HashMap<>();
    plans.forEach((node, plan) -> hashes.put(node, plan.getHash()));
    return hashes;
  }

  /**
   * Calls {@code watcher} with the node's new plan (an empty plan when it lost it) each time its
   * hash changes, until the handle is closed.
   */
  public Subscription watch(String node, Consumer<NodePlan> watcher) {
    watchers.computeIfAbsent(node, n -> new CopyOnWriteArrayList<>()).add(watcher);
    return () -> watchers.getOrDefault(node, List.of()).remove(watcher);
  }

  private void notifyWatchers(Set<String> nodes) {
    for (String node : nodes) {
      NodePlan plan = plans.getOrDefault(node, NodePlan.newBuilder().setNode(node).build());
      watchers.getOrDefault(node, List.of()).forEach(w -> w.accept(plan));
    }
  }
}
