package dev.eden.reconciler.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a change from BASE to HEAD does to every node.
 *
 * @param base the BASE revision's id (a short commit, a ref)
 * @param head the HEAD revision's id
 * @param nodes every node compared, by name
 * @param errors HEAD's own located errors ({@code path:LINE:COL: message}): HEAD does not load or
 *     compile; the nodes are then not compared
 * @param baseErrors BASE's own errors: its nodes are compared against no plan at all
 */
public record RevisionDiff(
    String base, String head, List<NodeDiff> nodes, List<String> errors, List<String> baseErrors) {

  /** {@code eden diff}'s exit codes. */
  public static final int NO_CHANGES = 0;

  public static final int CHANGES = 1;
  public static final int FAILED = 2;

  public RevisionDiff {
    nodes = List.copyOf(nodes);
    errors = List.copyOf(errors);
    baseErrors = List.copyOf(baseErrors);
  }

  /**
   * Nodes with the same state and the same changes, grouped: failing groups first, then those that
   * change, unchanged last; in node-name order within each.
   */
  /**
   * @param nodes the nodes, by name
   * @param diff the first node's changes, shown for all
   * @param exact every node's diffs are the same to the context lines; when false, only the added
   *     and removed lines are common and the context shown is the first node's
   */
  public record Group(List<String> nodes, NodeDiff diff, boolean exact) {}

  public List<Group> groups() {
    Map<Object, List<NodeDiff>> byKey = new LinkedHashMap<>();
    for (NodeDiff n : nodes) {
      byKey.computeIfAbsent(n.groupKey(), k -> new ArrayList<>()).add(n);
    }
    List<Group> groups = new ArrayList<>();
    byKey
        .values()
        .forEach(
            ns ->
                groups.add(
                    new Group(
                        ns.stream().map(NodeDiff::node).toList(),
                        ns.get(0),
                        ns.stream().allMatch(n -> sameSteps(n, ns.get(0))))));
    groups.sort(java.util.Comparator.comparingInt(RevisionDiff::rank));
    return groups;
  }

  private static boolean sameSteps(NodeDiff a, NodeDiff b) {
    List<StepChange> x = a.steps().stream().map(s -> s.withSource("")).toList();
    List<StepChange> y = b.steps().stream().map(s -> s.withSource("")).toList();
    return x.equals(y);
  }

  private static int rank(Group g) {
    return switch (g.diff().state()) {
      case FAILING -> 0;
      case UNCHANGED -> 2;
      default -> 1;
    };
  }

  /** True when HEAD cannot be used: its own errors, or a node that compiled at BASE fails now. */
  public boolean failed() {
    return !errors.isEmpty()
        || nodes.stream().anyMatch(n -> n.state() == NodeDiff.State.FAILING && !n.failedAtBase());
  }

  /** The nodes whose plans change (or that newly fail). */
  public List<String> changing() {
    return nodes.stream().filter(NodeDiff::changes).map(NodeDiff::node).toList();
  }

  public List<String> named(NodeDiff.State state) {
    return nodes.stream().filter(n -> n.state() == state).map(NodeDiff::node).toList();
  }

  /** 0 nothing changes, 1 something does, 2 HEAD fails. */
  public int exitCode() {
    if (failed()) {
      return FAILED;
    }
    return changing().isEmpty() ? NO_CHANGES : CHANGES;
  }

  /** Keeps only {@code node} (eden diff --node); HEAD's own errors stay. */
  public RevisionDiff only(String node) {
    return new RevisionDiff(
        base, head, nodes.stream().filter(n -> n.node().equals(node)).toList(), errors, baseErrors);
  }
}
