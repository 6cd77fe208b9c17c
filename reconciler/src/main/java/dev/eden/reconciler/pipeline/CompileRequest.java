package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodeInfo;
import dev.eden.reconciler.compile.Revision;
import dev.eden.schema.load.SourceTree;
import java.util.List;
import java.util.Set;

/**
 * What the compiler is asked to do for one revision.
 *
 * @param admitted the revision as the approval gate admitted it: its objects (TaskBooks waiting for
 *     approval in their approved version, or left out) and its files
 * @param nodes every node the reconciler knows from agents (registered name, labels, facts), sorted
 *     by name; the context for lookups such as {@code nodes "selector"}
 * @param only the nodes to compile; empty means every node (the registered ones and every node the
 *     revision declares)
 */
public record CompileRequest(Revision admitted, List<NodeInfo> nodes, Set<String> only) {

  public CompileRequest {
    nodes = List.copyOf(nodes);
    only = Set.copyOf(only);
  }

  /** The revision's files (below the sub-path). */
  public SourceTree tree() {
    return admitted.tree();
  }

  /** The revision id, {@code main@sha1:<sha>}. */
  public String revision() {
    return admitted.id();
  }

  /** True when node {@code name} must be compiled. */
  public boolean wants(String name) {
    return only.isEmpty() || only.contains(name);
  }
}
