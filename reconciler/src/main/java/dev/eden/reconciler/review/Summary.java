package dev.eden.reconciler.review;

import java.util.ArrayList;
import java.util.List;

/** The one-line summaries of a {@link RevisionDiff} that every output starts with. */
public final class Summary {

  /** Node names listed in a summary before "and N more". */
  static final int NAMES = 20;

  private Summary() {}

  /**
   * {@code 3 of 4 nodes change: web-1 web-2 web-3; unchanged: lb-1}, with failing nodes named; or
   * HEAD's error count when it does not compile.
   */
  public static String line(RevisionDiff d) {
    if (!d.errors().isEmpty()) {
      return d.head() + " does not compile: " + plural(d.errors().size(), "error");
    }
    List<String> changing = d.changing();
    List<String> failing = d.named(NodeDiff.State.FAILING);
    List<String> parts = new ArrayList<>();
    if (!changing.isEmpty()) {
      parts.add(
          changing.size()
              + " of "
              + plural(d.nodes().size(), "node")
              + (changing.size() == 1 ? " changes: " : " change: ")
              + names(changing));
    } else if (failing.isEmpty()) {
      parts.add("no node's plan changes (" + plural(d.nodes().size(), "node") + ")");
    }
    if (!failing.isEmpty()) {
      parts.add(
          failing.size() + " of " + plural(d.nodes().size(), "node") + " fail: " + names(failing));
    }
    List<String> unchanged = d.named(NodeDiff.State.UNCHANGED);
    if (!unchanged.isEmpty() && (!changing.isEmpty() || !failing.isEmpty())) {
      parts.add("unchanged: " + names(unchanged));
    }
    return String.join("; ", parts);
  }

  /** A commit status description: {@code 3 nodes change, 1 unchanged} or the first error. */
  public static String status(RevisionDiff d) {
    List<String> errors = firstErrors(d);
    if (!errors.isEmpty()) {
      return errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }
    int changing = d.changing().size();
    int unchanged = d.named(NodeDiff.State.UNCHANGED).size();
    return plural(changing, "node")
        + (changing == 1 ? " changes, " : " change, ")
        + unchanged
        + " unchanged";
  }

  /** HEAD's errors, or those of the nodes that newly fail, each naming its node. */
  static List<String> firstErrors(RevisionDiff d) {
    if (!d.errors().isEmpty()) {
      return d.errors();
    }
    List<String> out = new ArrayList<>();
    d.nodes().stream()
        .filter(n -> n.state() == NodeDiff.State.FAILING && !n.failedAtBase())
        .forEach(n -> n.errors().forEach(e -> out.add(e + " (node " + n.node() + ")")));
    return out;
  }

  static String names(List<String> names) {
    if (names.size() <= NAMES) {
      return String.join(" ", names);
    }
    return String.join(" ", names.subList(0, NAMES)) + " and " + (names.size() - NAMES) + " more";
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  /** The heading of a group: its nodes and what happens to them. */
  static String heading(RevisionDiff.Group g) {
    String who =
        g.nodes().size() == 1
            ? g.nodes().get(0)
            : names(g.nodes()) + " (" + g.nodes().size() + " nodes)";
    String context = g.exact() ? "" : " (context lines as on " + g.nodes().get(0) + ")";
    return who
        + switch (g.diff().state()) {
          case UNCHANGED -> ": unchanged";
          case CHANGED -> ": " + plural(g.diff().steps().size(), "step") + " change";
          case ADDED -> ": new node, " + plural(g.diff().steps().size(), "step");
          case REMOVED -> ": no longer has a plan";
          case FAILING ->
              g.diff().failedAtBase() ? ": fails to compile (as at base)" : ": fails to compile";
        }
        + context;
  }
}
