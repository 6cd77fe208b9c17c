package dev.eden.reconciler.compile;

/**
 * Where a variable source sits in the order of precedence, from broad to narrow: a later level
 * wins. Within one level, sources apply in order of name.
 */
public enum VariableLevel {
  /** {@code ClusterVariable}. */
  CLUSTER,
  /** {@code Variable} of the TaskBook's namespace, without {@code nodeGroups} or {@code nodes}. */
  NAMESPACE,
  /** {@code NodeGroup.vars}, then {@code Variable}s scoped with {@code nodeGroups}. */
  NODE_GROUP,
  /** {@code Node.vars}, then {@code Variable}s scoped with {@code nodes}. */
  NODE,
  /** The TaskBook's own {@code vars}. */
  TASK_BOOK
}
