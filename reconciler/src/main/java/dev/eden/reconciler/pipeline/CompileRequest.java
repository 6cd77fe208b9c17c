package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodeInfo;
import dev.eden.reconciler.compile.RevisionGate;
import dev.eden.schema.load.SourceTree;
import java.util.List;
import java.util.Set;

/**
 * What the compiler is asked to do for one revision.
 *
 * @param tree the revision's files (below the sub-path)
 * @param revision the revision id, {@code main@sha1:<sha>}
 * @param nodes every node the reconciler knows from agents (registered name, labels, facts), sorted
 *     by name; the context for lookups such as {@code nodes "selector"}
 * @param only the nodes to compile; empty means every node (the registered ones and every node the
 *     revision declares)
 * @param gate which version of each loaded object to compile (TaskBook approvals)
 */
public record CompileRequest(
    SourceTree tree, String revision, List<NodeInfo> nodes, Set<String> only, RevisionGate gate) {

  public CompileRequest {
    nodes = List.copyOf(nodes);
    only = Set.copyOf(only);
  }

  /** A request that compiles every object as loaded. */
  public CompileRequest(SourceTree tree, String revision, List<NodeInfo> nodes, Set<String> only) {
    this(tree, revision, nodes, only, RevisionGate.OPEN);
  }

  /** True when node {@code name} must be compiled. */
  public boolean wants(String name) {
    return only.isEmpty() || only.contains(name);
  }
}
