package dev.eden.reconciler.compile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --explain} for combined values: their rendered value and what they were made from. */
final class CombinedExplanation {

  private CombinedExplanation() {}

  /**
   * {@code entries} with each combined value (or list holding one) rendered as in {@code rendered};
   * unchanged when the variables did not render.
   */
  static List<VariableExplanation.Entry> of(
      List<VariableExplanation.Entry> entries, Optional<CombinedVars.Rendered> rendered) {
    if (rendered.isEmpty() || rendered.get().madeFrom().isEmpty()) {
      return entries;
    }
    Map<String, List<String>> madeFrom = rendered.get().madeFrom();
    List<VariableExplanation.Entry> out = new ArrayList<>();
    for (VariableExplanation.Entry e : entries) {
      Set<String> from = new LinkedHashSet<>();
      madeFrom.forEach(
          (path, reads) -> {
            if (path.equals(e.key()) || path.startsWith(e.key() + "[")) {
              from.addAll(reads);
            }
          });
      boolean combined = madeFrom.keySet().stream().anyMatch(p -> covers(e.key(), p));
      out.add(combined ? e.combined(at(rendered.get().vars(), e.key()), List.copyOf(from)) : e);
    }
    return out;
  }

  private static boolean covers(String key, String path) {
    return path.equals(key) || path.startsWith(key + "[");
  }

  private static Object at(Map<String, Object> vars, String key) {
    Object v = vars;
    for (String part : VarView.parts(key)) {
      v = v instanceof Map<?, ?> m ? m.get(part) : null;
    }
    return v;
  }
}
