package dev.eden.reconciler.compile;

import dev.eden.schema.model.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges variable sources from broad to narrow: maps merge deeply, lists and scalars replace.
 * Subtrees that only one source sets are shared, not copied.
 */
final class VariableMerge {

  private VariableMerge() {}

  static Map<String, Object> merge(List<VarSource> sources) {
    Map<String, Object> out = Map.of();
    for (VarSource s : sources) {
      out = over(out, s.plain());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> over(Map<String, Object> base, Map<String, Object> top) {
    if (base.isEmpty()) {
      return top;
    }
    if (top.isEmpty()) {
      return base;
    }
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : top.entrySet()) {
      Object below = out.get(e.getKey());
      if (below instanceof Map<?, ?> b && e.getValue() instanceof Map<?, ?> t) {
        out.put(e.getKey(), over((Map<String, Object>) b, (Map<String, Object>) t));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Every leaf value of the merge (scalars and whole lists), with the source that set it. */
  static List<VariableExplanation.Entry> explain(String scope, List<VarSource> sources) {
    TreeMap<String, VariableExplanation.Entry> leaves = new TreeMap<>();
    for (VarSource s : sources) {
      s.values().entries().forEach((k, v) -> set(scope, leaves, k, v, s));
    }
    return new ArrayList<>(leaves.values());
  }

  private static void set(
      String scope,
      TreeMap<String, VariableExplanation.Entry> leaves,
      String path,
      Value value,
      VarSource source) {
    leaves.remove(path);
    if (value instanceof Value.Map m && !m.entries().isEmpty()) {
      m.entries().forEach((k, v) -> set(scope, leaves, path + "." + k, v, source));
      return;
    }
    leaves.subMap(path + ".", path + "/").clear(); // '/' sorts right after '.'
    leaves.put(
        path,
        new VariableExplanation.Entry(
            scope, path, value.toPlain(), source.object(), source.level(), value.pos(), List.of()));
  }
}
