package dev.eden.reconciler.review;

import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.CompileResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compiles two revisions for the same nodes with the reconciler's compiler and compares every
 * node's plans: the engine of {@code eden diff} and of pull-request previews. Stateless: it stores
 * nothing and changes no served plan.
 */
public final class FleetDiff {

  private final Compiler compiler;

  public FleetDiff(Compiler compiler) {
    this.compiler = compiler;
  }

  /** One side of the comparison: a revision's id and its files. */
  public record Side(String id, SourceTree tree) {}

  /**
   * Compares every node's plan at {@code base} and at {@code head}.
   *
   * @param nodes the nodes as agents announced them (labels, facts); the revisions' {@code Node}
   *     objects are compiled too
   */
  public RevisionDiff compare(Side base, Side head, Collection<NodeInput> nodes) {
    Compiled after = compile(head, nodes);
    if (!after.errors().isEmpty()) {
      return new RevisionDiff(base.id(), head.id(), List.of(), after.errors(), List.of());
    }
    Compiled before = compile(base, nodes);
    CompileResult a = before.result().orElse(null);
    CompileResult b = after.result().orElseThrow();
    TreeSet<String> names = new TreeSet<>(b.plans().keySet());
    names.addAll(b.nodeErrors().keySet());
    if (a != null) {
      names.addAll(a.plans().keySet());
    }
    List<NodeDiff> diffs = new ArrayList<>();
    for (String node : names) {
      diffs.add(node(node, a, b));
    }
    return new RevisionDiff(base.id(), head.id(), diffs, List.of(), before.errors());
  }

  private static NodeDiff node(String node, CompileResult base, CompileResult head) {
    NodePlan was = base == null ? null : base.plans().get(node);
    NodePlan now = head.plans().get(node);
    if (now == null && head.nodeErrors().containsKey(node)) {
      List<String> errors =
          head.nodeErrors().get(node).stream().sorted().map(Diagnostic::toString).toList();
      boolean before = was == null && base != null && base.nodeErrors().containsKey(node);
      return new NodeDiff(node, NodeDiff.State.FAILING, List.of(), errors, before);
    }
    if (now == null) {
      return new NodeDiff(node, NodeDiff.State.REMOVED, List.of(), List.of(), false);
    }
    if (was == null) {
      List<StepChange> steps = PlanDiff.compare(NodePlan.getDefaultInstance(), now);
      return new NodeDiff(node, NodeDiff.State.ADDED, steps, List.of(), false);
    }
    List<StepChange> steps = PlanDiff.compare(was, now);
    return new NodeDiff(
        node,
        steps.isEmpty() ? NodeDiff.State.UNCHANGED : NodeDiff.State.CHANGED,
        steps,
        List.of(),
        false);
  }

  /** A revision compiled, or its own errors (it does not load, or does not compile at all). */
  private record Compiled(Optional<CompileResult> result, List<String> errors) {}

  private Compiled compile(Side side, Collection<NodeInput> nodes) {
    LoadResult loaded = ManifestLoader.load(side.tree());
    if (!loaded.ok()) {
      return new Compiled(Optional.empty(), located(loaded.errors()));
    }
    CompileResult result =
        compiler.compile(new Revision(side.id(), loaded.objects(), side.tree()), nodes);
    if (!result.errors().isEmpty()) {
      return new Compiled(Optional.empty(), located(result.errors()));
    }
    return new Compiled(Optional.of(result), List.of());
  }

  private static List<String> located(List<Diagnostic> errors) {
    return errors.stream().sorted().map(Diagnostic::toString).toList();
  }
}
