package dev.eden.reconciler.compile;

import dev.eden.proto.NodePlan;
import dev.eden.schema.Diagnostic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a revision into one {@link NodePlan} per known node (the given nodes and the revision's
 * {@code Node} objects): targeting, variables, forEach, templates, deferred references and the plan
 * hash. Nodes compile in parallel. Thread-safe; one instance serves many revisions.
 */
public final class Compiler {

  private static final Logger LOG = LoggerFactory.getLogger(Compiler.class);

  private final Clock clock;
  private final TemplateEngine engine = new TemplateEngine();

  public Compiler(Clock clock) {
    this.clock = clock;
  }

  public Compiler() {
    this(Clock.systemUTC());
  }

  /** Compiles every known node's plan for {@code revision}. */
  public CompileResult compile(Revision revision, Collection<NodeInput> nodes) {
    long start = clock.millis();
    PreparedRevision rev = prepare(revision, nodes, null);
    List<NodeCompiler.Outcome> outcomes = compileNodes(rev, rev.nodes.all());
    CompileResult result = result(rev, outcomes, Map.of(), Map.of());
    LOG.info(
        "compiled revision={} nodes={} plans={} errors={} ms={}",
        revision.id(),
        rev.nodes.all().size(),
        result.plans().size(),
        result.diagnostics().size(),
        clock.millis() - start);
    return result;
  }

  /** For {@code node}, every variable value its TaskBooks see and where it came from. */
  public VariableExplanation explain(Revision revision, Collection<NodeInput> nodes, String node) {
    PreparedRevision rev = prepare(revision, nodes, null);
    KnownNode known = rev.nodes.get(node);
    List<VariableExplanation.Entry> entries = new ArrayList<>();
    if (known != null) {
      for (PreparedTaskBook tb : rev.taskBooksOf(node)) {
        List<VarSource> sources =
            rev.scopes.sources(known, rev.groupsOf(node), tb.namespace(), tb.vars());
        entries.addAll(
            CombinedExplanation.of(
                VariableMerge.explain(tb.key(), sources), combined(rev, known, tb)));
      }
    }
    return new VariableExplanation(node, entries);
  }

  /** The TaskBook's variables on the node with combined values rendered; empty when they fail. */
  private static java.util.Optional<CombinedVars.Rendered> combined(
      PreparedRevision rev, KnownNode known, PreparedTaskBook tb) {
    Map<String, Object> nodeView = Map.of("name", known.name(), "labels", known.labels());
    try {
      return java.util.Optional.of(
          NodeCompiler.vars(
              rev, known, nodeView, tb.namespace(), tb.vars(), new java.util.TreeSet<>()));
    } catch (CompileError e) {
      return java.util.Optional.empty(); // the plan's compile errors say why
    }
  }

  Clock clock() {
    return clock;
  }

  PreparedRevision prepare(
      Revision revision, Collection<NodeInput> nodes, TemplateCache previousTemplates) {
    return PreparedRevision.prepare(revision, nodes, engine, previousTemplates);
  }

  /** Compiles {@code nodes} in parallel (the common fork-join pool). */
  static List<NodeCompiler.Outcome> compileNodes(PreparedRevision rev, List<KnownNode> nodes) {
    return nodes.parallelStream().map(n -> NodeCompiler.compile(rev, n)).toList();
  }

  /** Assembles a result from new outcomes, plus plans and errors carried over unchanged. */
  static CompileResult result(
      PreparedRevision rev,
      List<NodeCompiler.Outcome> outcomes,
      Map<String, NodePlan> keptPlans,
      Map<String, List<Diagnostic>> keptErrors) {
    Map<String, NodePlan> plans = new HashMap<>(keptPlans);
    Map<String, List<Diagnostic>> errors = new HashMap<>(keptErrors);
    for (NodeCompiler.Outcome o : outcomes) {
      if (o.plan() != null) {
        plans.put(o.node(), o.plan());
      } else {
        errors.put(o.node(), o.errors());
      }
    }
    return new CompileResult(rev.revision.id(), plans, errors, rev.errors);
  }
}
