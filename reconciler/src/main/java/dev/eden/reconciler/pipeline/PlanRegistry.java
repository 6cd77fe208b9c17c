package dev.eden.reconciler.pipeline;

import dev.eden.proto.DispatchedRun;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.PlanHash;
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
 * The plan each node is served now, and the watchers told when a node's plan hash changes. A served
 * plan is the node's compiled plan plus its pending {@link DispatchedRun}s, resealed: this is the
 * one place where the two meet, so a new revision, a node's recompile and a dispatch starting or
 * finishing all give the same answer. The store holds the compiled plans and the dispatches
 * durably; this is the fast path for agents.
 */
public final class PlanRegistry {

  private final Map<String, NodePlan> compiled = new ConcurrentHashMap<>();
  private final Map<String, List<DispatchedRun>> dispatched = new ConcurrentHashMap<>();
  private final Map<String, NodePlan> served = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<NodePlan>>> watchers = new ConcurrentHashMap<>();

  /** The plan served to {@code node}: compiled plan and pending dispatched runs. */
  public Optional<NodePlan> plan(String node) {
    return Optional.ofNullable(served.get(node));
  }

  /** The compiled plan of {@code node}, without dispatched runs. */
  public Optional<NodePlan> compiled(String node) {
    return Optional.ofNullable(compiled.get(node));
  }

  /** Every served plan, by node. */
  public Map<String, NodePlan> all() {
    return Map.copyOf(served);
  }

  /**
   * Serves exactly {@code next} as the compiled plans from now on (nodes absent lose their plan)
   * and notifies the watchers of every node whose served hash changed.
   *
   * @return the nodes whose hash changed, sorted
   */
  public Set<String> replaceAll(Map<String, NodePlan> next) {
    Set<String> changed = new TreeSet<>();
    synchronized (this) {
      for (String gone : Set.copyOf(compiled.keySet())) {
        if (!next.containsKey(gone)) {
          compiled.remove(gone);
          if (served.remove(gone) != null) {
            changed.add(gone);
          }
        }
      }
      changed.addAll(putAll(next));
    }
    notifyWatchers(changed);
    return changed;
  }

  /**
   * Serves {@code some} as the compiled plans of their nodes, leaving the others alone.
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

  /**
   * Sets the dispatched runs still pending on {@code node} (oldest first; empty for none).
   *
   * @return true when the node's served hash changed (its watchers were told)
   */
  public boolean dispatched(String node, List<DispatchedRun> runs) {
    boolean changed;
    synchronized (this) {
      if (runs.isEmpty()) {
        dispatched.remove(node);
      } else {
        dispatched.put(node, List.copyOf(runs));
      }
      changed = remerge(node);
    }
    if (changed) {
      notifyWatchers(Set.of(node));
    }
    return changed;
  }

  /** The dispatched runs pending on {@code node}, oldest first. */
  public List<DispatchedRun> dispatched(String node) {
    return dispatched.getOrDefault(node, List.of());
  }

  private Set<String> putAll(Map<String, NodePlan> some) {
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<String, NodePlan> e : some.entrySet()) {
      compiled.put(e.getKey(), e.getValue());
      if (remerge(e.getKey())) {
        changed.add(e.getKey());
      }
    }
    return changed;
  }

  /** Recomputes the node's served plan; true when its hash changed. Holds the lock. */
  private boolean remerge(String node) {
    NodePlan base = compiled.get(node);
    NodePlan next = base == null ? null : merge(base, dispatched.getOrDefault(node, List.of()));
    NodePlan old = next == null ? served.remove(node) : served.put(node, next);
    String before = old == null ? null : old.getHash();
    String after = next == null ? null : next.getHash();
    return !Objects.equals(before, after);
  }

  /** The compiled plan with the runs added and its hash recomputed; the plan itself when none. */
  static NodePlan merge(NodePlan compiledPlan, List<DispatchedRun> runs) {
    if (runs.isEmpty()) {
      return compiledPlan;
    }
    NodePlan merged = compiledPlan.toBuilder().addAllDispatched(runs).clearHash().build();
    return PlanHash.seal(merged, compiledPlan.getRevision());
  }

  /** Old served hash by node, for change events. */
  public Map<String, String> hashes() {
    Map<String, String> hashes = new HashMap<>();
    served.forEach((node, plan) -> hashes.put(node, plan.getHash()));
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
      NodePlan plan = served.getOrDefault(node, NodePlan.newBuilder().setNode(node).build());
      watchers.getOrDefault(node, List.of()).forEach(w -> w.accept(plan));
    }
  }
}
