package dev.eden.reconciler.compile;

import dev.eden.proto.NodePlan;
import dev.eden.schema.Diagnostic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plans of one revision: one per node that compiled, and the located errors of the others.
 *
 * @param revision the revision id ({@code main@sha1:...})
 * @param plans every node's plan with its hash, by node name (sorted)
 * @param nodeErrors the errors of each node that got no plan, by node name
 * @param errors problems of the revision itself (bad step order, template syntax, missing files)
 */
public record CompileResult(
    String revision,
    Map<String, NodePlan> plans,
    Map<String, List<Diagnostic>> nodeErrors,
    List<Diagnostic> errors) {

  public CompileResult {
    plans = Collections.unmodifiableMap(new TreeMap<>(plans));
    nodeErrors = Collections.unmodifiableMap(new TreeMap<>(nodeErrors));
    errors = List.copyOf(errors);
  }

  /** True when every node compiled and the revision has no errors. */
  public boolean ok() {
    return errors.isEmpty() && nodeErrors.isEmpty();
  }

  /**
   * Every distinct problem once, sorted by position: the revision's errors, then node errors, each
   * naming the first nodes it affects ({@code (node web-1 and 41 more)}).
   */
  public List<Diagnostic> diagnostics() {
    Map<Diagnostic, List<String>> byProblem = new TreeMap<>();
    errors.forEach(d -> byProblem.put(d, new ArrayList<>()));
    nodeErrors.forEach(
        (node, ds) ->
            ds.forEach(
                d -> {
                  List<String> nodes = byProblem.computeIfAbsent(d, k -> new ArrayList<>());
                  if (!errors.contains(d)) {
                    nodes.add(node);
                  }
                }));
    List<Diagnostic> out = new ArrayList<>();
    byProblem.forEach((d, nodes) -> out.add(nodes.isEmpty() ? d : withNodes(d, nodes)));
    return out;
  }

  private static Diagnostic withNodes(Diagnostic d, List<String> nodes) {
    String who =
        nodes.size() == 1
            ? "node " + nodes.get(0)
            : "node " + nodes.get(0) + " and " + (nodes.size() - 1) + " more";
    return new Diagnostic(d.pos(), d.message() + " (" + who + ")");
  }
}
