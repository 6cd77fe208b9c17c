package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.CompileResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.IncrementalCompiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.compile.TaskBookCompilation;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link RevisionCompiler}: loads and validates the manifests of a revision, then compiles
 * them for every node. A revision is rejected when it does not load, or when a node that an agent
 * announced cannot be compiled; a {@code Node} object whose agent has not registered yet (and so
 * has no facts) only loses its own plan until it does.
 *
 * <p>Compilation is incremental: only the nodes whose inputs changed are compiled again, and a
 * request for one node (it registered, or its facts changed) returns that node's plan and every
 * other plan that changed with it, such as a load balancer listing it through {@code nodes}.
 */
public final class ManifestRevisionCompiler implements RevisionCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestRevisionCompiler.class);

  private final IncrementalCompiler compiler;
  private Loaded last;
  private volatile Revision accepted;

  private record Loaded(String revision, LoadResult result, SourceTree tree) {}

  public ManifestRevisionCompiler(Compiler compiler) {
    this.compiler = new IncrementalCompiler(compiler);
  }

  @Override
  public CompileOutcome compile(CompileRequest request) {
    Loaded loaded = load(request);
    if (!loaded.result().ok()) {
      return rejected(loaded.result().errors());
    }
    Revision revision =
        request
            .gate()
            .admit(new Revision(request.revision(), loaded.result().objects(), loaded.tree()));
    List<NodeInput> nodes =
        request.nodes().stream()
            .map(n -> new NodeInput(n.getName(), n.getLabelsMap(), n.getFacts()))
            .toList();
    IncrementalCompiler.Update update = compiler.compile(revision, nodes);
    CompileResult result = update.result();
    Set<String> registered =
        request.nodes().stream().map(NodeInfo::getName).collect(Collectors.toSet());
    boolean registeredFailed = result.nodeErrors().keySet().stream().anyMatch(registered::contains);
    if (!result.errors().isEmpty() || registeredFailed) {
      return rejected(result.diagnostics());
    }
    result
        .nodeErrors()
        .forEach(
            (node, errors) ->
                LOG.warn(
                    "event=node_not_compiled node={} reason=no_agent_yet errors={}",
                    node,
                    errors.size()));
    Map<String, NodePlan> plans = new HashMap<>();
    result
        .plans()
        .forEach(
            (node, plan) -> {
              if (request.only().isEmpty()
                  || request.wants(node)
                  || update.changed().contains(node)) {
                plans.put(node, plan);
              }
            });
    accepted = revision;
    return new CompileOutcome.Accepted(plans, loaded.result().objects().size());
  }

  /**
   * The last revision this compiler accepted (its objects and tree, as the request's gate admitted
   * them: TaskBooks waiting for approval appear in their approved version, or not at all): what
   * Triggers, CronJobs and dispatches read. Empty before the first accepted compile.
   */
  public Optional<Revision> accepted() {
    return Optional.ofNullable(accepted);
  }

  /**
   * The nodes TaskBook {@code key} of {@code accepted} targets, with their labels; empty when it is
   * not there or suspended. See {@link IncrementalCompiler#taskBookTargets}.
   */
  public Optional<Map<String, Map<String, String>>> taskBookTargets(Revision accepted, String key) {
    return compiler.taskBookTargets(accepted, key);
  }

  /**
   * One TaskBook compiled for some nodes outside their plans, as a dispatch runs it. See {@link
   * IncrementalCompiler#compileTaskBook}.
   */
  public TaskBookCompilation compileTaskBook(
      Revision accepted,
      String key,
      List<String> nodes,
      String idPrefix,
      Map<String, Object> extraRoot) {
    return compiler.compileTaskBook(accepted, key, nodes, idPrefix, extraRoot);
  }

  /** Loads the revision's manifests once; a node's new facts reuse the last load. */
  private synchronized Loaded load(CompileRequest request) {
    if (last != null && last.revision().equals(request.revision())) {
      return last;
    }
    SourceTree tree = request.tree();
    last = new Loaded(request.revision(), ManifestLoader.load(tree), tree);
    return last;
  }

  private static CompileOutcome rejected(List<Diagnostic> errors) {
    return new CompileOutcome.Rejected(errors.stream().sorted().map(Diagnostic::toString).toList());
  }
}
