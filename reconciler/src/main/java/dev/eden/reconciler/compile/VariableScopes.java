package dev.eden.reconciler.compile;

import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.ClusterVariableSpec;
import dev.eden.schema.model.Spec.NodeGroupSpec;
import dev.eden.schema.model.Spec.NodeSpec;
import dev.eden.schema.model.Spec.VariableSpec;
import dev.eden.schema.select.LabelSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which variable sources apply to a node, in order of precedence, and their merge (cached: nodes
 * with the same sources share one merged map).
 */
final class VariableScopes {

  /** A scoped source: applies when the selector matches and the group/node scope holds. */
  private record Scoped(
      Map<VariableLevel, VarSource> sources,
      Optional<LabelSelector> selector,
      Set<String> nodeGroups,
      Set<String> nodes) {

    /** The level at which this source applies to {@code node}, if it does. */
    /** The level at which this source applies to {@code node}, or null when it does not. */
    VariableLevel levelFor(KnownNode node, List<String> groups) {
      if (selector.isPresent() && !selector.get().matches(node.labels())) {
        return null;
      }
      if (nodes.isEmpty() && nodeGroups.isEmpty()) {
        return sources.containsKey(VariableLevel.CLUSTER)
            ? VariableLevel.CLUSTER
            : VariableLevel.NAMESPACE;
      }
      if (nodes.contains(node.name())) {
        return VariableLevel.NODE;
      }
      for (String g : groups) {
        if (nodeGroups.contains(g)) {
          return VariableLevel.NODE_GROUP;
        }
      }
      return null;
    }
  }

  private final List<Scoped> cluster = new ArrayList<>();
  private final Map<String, List<Scoped>> byNamespace = new HashMap<>();
  private final Map<String, VarSource> groupVars = new HashMap<>();
  private final Map<String, VarSource> nodeVars = new HashMap<>();
  private final Map<Signature, Map<String, Object>> merged = new ConcurrentHashMap<>();
  private int nextId;

  VariableScopes(List<Manifest> sortedObjects) {
    for (Manifest m : sortedObjects) {
      add(m);
    }
  }

  private void add(Manifest m) {
    switch (m.kind()) {
      case CLUSTER_VARIABLE -> {
        ClusterVariableSpec s = m.spec(ClusterVariableSpec.class);
        cluster.add(
            scoped(m, VariableLevel.CLUSTER, s.values(), s.selector(), List.of(), List.of()));
      }
      case VARIABLE -> {
        VariableSpec s = m.spec(VariableSpec.class);
        byNamespace
            .computeIfAbsent(m.metadata().namespace().orElse(""), k -> new ArrayList<>())
            .add(
                scoped(
                    m,
                    VariableLevel.NAMESPACE,
                    s.values(),
                    s.selector(),
                    s.nodeGroups(),
                    s.nodes()));
      }
      case NODE_GROUP ->
          m.spec(NodeGroupSpec.class)
              .vars()
              .ifPresent(
                  v ->
                      groupVars.put(
                          m.metadata().name(),
                          VarSource.of(nextId++, m.key(), VariableLevel.NODE_GROUP, v)));
      case NODE ->
          m.spec(NodeSpec.class)
              .vars()
              .ifPresent(
                  v ->
                      nodeVars.put(
                          m.metadata().name(),
                          VarSource.of(nextId++, m.key(), VariableLevel.NODE, v)));
      default -> {}
    }
  }

  private Scoped scoped(
      Manifest m,
      VariableLevel level,
      dev.eden.schema.model.Value.Map values,
      Optional<LabelSelector> selector,
      List<String> groups,
      List<String> nodes) {
    Map<VariableLevel, VarSource> sources = new EnumMap<>(VariableLevel.class);
    if (groups.isEmpty() && nodes.isEmpty()) {
      sources.put(level, VarSource.of(nextId++, m.key(), level, values));
    } else {
      for (VariableLevel l : List.of(VariableLevel.NODE_GROUP, VariableLevel.NODE)) {
        sources.put(l, VarSource.of(nextId++, m.key(), l, values));
      }
    }
    return new Scoped(sources, selector, Set.copyOf(groups), Set.copyOf(nodes));
  }

  /** A fresh id for a source made outside this class (TaskBook vars). */
  int nextId() {
    return nextId++;
  }

  /**
   * The sources for {@code node} (member of {@code groups}, sorted) in {@code namespace}, broad to
   * narrow, then {@code taskBookVars} if present.
   */
  List<VarSource> sources(
      KnownNode node, List<String> groups, String namespace, Optional<VarSource> taskBookVars) {
    List<VarSource> out = new ArrayList<>();
    for (Scoped s : cluster) {
      if (s.levelFor(node, groups) != null) {
        out.add(s.sources().get(VariableLevel.CLUSTER));
      }
    }
    // one pass over the namespace's Variables, bucketed by the level each applies at
    List<VarSource> group = new ArrayList<>();
    List<VarSource> pinned = new ArrayList<>();
    for (Scoped s : byNamespace.getOrDefault(namespace, List.of())) {
      VariableLevel level = s.levelFor(node, groups);
      if (level == null) {
        continue;
      }
      VarSource source = s.sources().get(level);
      switch (level) {
        case NODE_GROUP -> group.add(source);
        case NODE -> pinned.add(source);
        default -> out.add(source);
      }
    }
    for (String g : groups) {
      VarSource v = groupVars.get(g);
      if (v != null) {
        out.add(v);
      }
    }
    out.addAll(group);
    VarSource own = nodeVars.get(node.name());
    if (own != null) {
      out.add(own);
    }
    out.addAll(pinned);
    taskBookVars.ifPresent(out::add);
    return out;
  }

  /** The merge of {@code sources}, shared by every node with the same sources. */
  Map<String, Object> merge(List<VarSource> sources) {
    int[] ids = sources.stream().mapToInt(VarSource::id).toArray();
    return merged.computeIfAbsent(new Signature(ids), k -> VariableMerge.merge(sources));
  }

  /** The ids of a list of sources, as a map key. */
  private record Signature(int[] ids) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Signature s && Arrays.equals(ids, s.ids);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
      return Arrays.toString(ids);
    }
  }
}
