package dev.eden.reconciler.compile;

import dev.eden.proto.PlanStep;
import dev.eden.schema.Diagnostic;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TaskBook compiled for some of its nodes outside their plans: what a dispatch runs.
 *
 * @param steps each node's steps, in execution order, by node name (sorted); empty on errors
 * @param errors located problems, each naming the node it affects; empty when every node compiled
 */
public record TaskBookCompilation(Map<String, List<PlanStep>> steps, List<Diagnostic> errors) {
  public TaskBookCompilation {
    steps = Collections.unmodifiableMap(new TreeMap<>(steps));
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }
}
