package dev.eden.reconciler.compile;

import com.google.protobuf.Struct;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.NodeSpec;
import dev.eden.schema.select.LabelSelector;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every node of one compilation, sorted by name, with the {@code nodes "selector"} lookups that
 * templates make cached per selector.
 */
final class KnownNodes {

  private final List<KnownNode> sorted;
  private final Map<String, KnownNode> byName;
  private final Map<String, List<Map<String, Object>>> selections = new ConcurrentHashMap<>();

  private KnownNodes(List<KnownNode> sorted) {
    this.sorted = sorted;
    this.byName = new HashMap<>();
    sorted.forEach(n -> byName.put(n.name(), n));
  }

  /** The given nodes and the revision's {@code Node} objects; an agent's labels win. */
  static KnownNodes of(List<Manifest> objects, Collection<NodeInput> inputs) {
    Map<String, Map<String, String>> labels = new TreeMap<>();
    Map<String, Struct> facts = new HashMap<>();
    for (Manifest m : objects) {
      if (m.kind() == Kind.NODE) {
        labels.put(m.metadata().name(), new HashMap<>(m.spec(NodeSpec.class).labels()));
      }
    }
    for (NodeInput in : inputs) {
      labels.computeIfAbsent(in.name(), k -> new HashMap<>()).putAll(in.labels());
      facts.put(in.name(), in.facts());
    }
    List<KnownNode> nodes =
        labels.entrySet().stream()
            .map(
                e ->
                    KnownNode.of(
                        e.getKey(),
                        e.getValue(),
                        facts.getOrDefault(e.getKey(), Struct.getDefaultInstance())))
            .toList();
    return new KnownNodes(nodes);
  }

  List<KnownNode> all() {
    return sorted;
  }

  KnownNode get(String name) {
    return byName.get(name);
  }

  /**
   * The nodes {@code selectorText} matches, sorted by name, as templates see them.
   *
   * @throws dev.eden.schema.select.SelectorSyntaxException when the selector does not parse
   */
  List<Map<String, Object>> select(String selectorText) {
    List<Map<String, Object>> hit = selections.get(selectorText);
    if (hit != null) {
      return hit;
    }
    LabelSelector selector = LabelSelector.parse(selectorText);
    List<Map<String, Object>> result =
        sorted.stream().filter(n -> selector.matches(n.labels())).map(KnownNode::view).toList();
    selections.putIfAbsent(selectorText, result);
    return result;
  }

  /** Names of the nodes {@code selector} matches, sorted. */
  List<String> names(LabelSelector selector) {
    return sorted.stream().filter(n -> selector.matches(n.labels())).map(KnownNode::name).toList();
  }
}
