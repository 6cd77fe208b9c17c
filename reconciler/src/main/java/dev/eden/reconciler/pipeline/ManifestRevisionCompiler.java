package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.CompileResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.IncrementalCompiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.compile.TaskBookCompilation;
import dev.eden.reconciler.compile.TaskBookCompiler;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link RevisionCompiler}: the schema's loader, then the plan compiler for every node. A
 * revision is rejected when a node that an agent announced cannot be compiled; a {@code Node}
 * object whose agent has not registered yet (and so has no facts) only loses its own plan until it
 * does.
 *
 * <p>It keeps no revision: its {@link IncrementalCompiler} is a cache keyed by the inputs (the
 * revision's objects and each node's labels and facts), so only the nodes whose inputs changed are
 * compiled again, and a request for some nodes returns their plans and every other plan that
 * changed with them, such as a load balancer listing them through {@code nodes}.
 */
public final class ManifestRevisionCompiler implements RevisionCompiler, TaskBookCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestRevisionCompiler.class);

  private final IncrementalCompiler cache;

  public ManifestRevisionCompiler(Compiler compiler) {
    this.cache = new IncrementalCompiler(compiler);
  }

  @Override
  public Loaded load(String revision, SourceTree tree) {
    LoadResult result = ManifestLoader.load(tree);
    return new Loaded(new Revision(revision, result.objects(), tree), strings(result.errors()));
  }

  @Override
  public CompileOutcome compile(CompileRequest request) {
    IncrementalCompiler.Update update =
        cache.compile(request.admitted(), NodeInput.of(request.nodes()));
    CompileResult result = update.result();
    Set<String> registered =
        request.nodes().stream().map(NodeInfo::getName).collect(Collectors.toSet());
    boolean registeredFailed = result.nodeErrors().keySet().stream().anyMatch(registered::contains);
    if (!result.errors().isEmpty() || registeredFailed) {
      return new CompileOutcome.Rejected(strings(result.diagnostics()));
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
              if (request.wants(node) || update.changed().contains(node)) {
                plans.put(node, plan);
              }
            });
    return new CompileOutcome.Accepted(plans, request.admitted().objects().size());
  }

  @Override
  public TaskBookCompiler taskBooks() {
    return this;
  }

  @Override
  public Optional<Map<String, Map<String, String>>> targets(
      Revision accepted, String key, Collection<NodeInput> nodes) {
    return cache.taskBookTargets(accepted, key, nodes);
  }

  @Override
  public TaskBookCompilation compile(
      Revision accepted,
      String key,
      Collection<NodeInput> nodes,
      List<String> run,
      String idPrefix,
      Map<String, Object> extraRoot) {
    return cache.compileTaskBook(accepted, key, nodes, run, idPrefix, extraRoot);
  }

  private static List<String> strings(List<Diagnostic> errors) {
    return errors.stream().sorted().map(Diagnostic::toString).toList();
  }
}
