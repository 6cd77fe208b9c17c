package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.approval.ApprovalGate;
import dev.eden.reconciler.compile.PlanHash;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.source.FetchResult;
import dev.eden.reconciler.source.GitSource;
import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revision pipeline's steps, in order: fetch → load → validate → admit (the approval gate) →
 * compile. Each is a small function that writes nothing and returns a typed result; {@link
 * RevisionPipeline} chains them and {@link RevisionApplier} persists what they decided.
 */
final class RevisionSteps {

  private static final Logger LOG = LoggerFactory.getLogger(RevisionSteps.class);

  /**
   * A revision's plans as compiled.
   *
   * @param plans node → plan, sealed with the revision; an empty plan for each wanted node the
   *     compiler gave nothing
   * @param objects how many objects the revision holds
   */
  record Compiled(Map<String, NodePlan> plans, int objects) {
    Compiled {
      plans = Map.copyOf(plans);
    }
  }

  /** A loaded revision as it would serve: admitted by the approval gate, then compiled. */
  record Candidate(Revision loaded, ApprovalGate.Admission admission, Compiled compiled) {}

  private final GitSource source;
  private final RevisionCompiler compiler;
  private final ApprovalGate gate;
  private final Object fetchLock = new Object();

  RevisionSteps(GitSource source, RevisionCompiler compiler, ApprovalGate gate) {
    this.source = source;
    this.compiler = compiler;
    this.gate = gate;
  }

  /** Fetch: the branch head, or why it cannot be had (no credentials in it). */
  FetchResult fetch() {
    synchronized (fetchLock) {
      return source.fetch();
    }
  }

  /** The revision id of a commit, {@code main@sha1:<sha>}. */
  String revisionId(String sha) {
    return source.config().revisionId(sha);
  }

  /**
   * Load: the commit's files, read from the clone, and the objects the compiler loads from them.
   */
  Step<Loaded> load(String revision, String commit) {
    try {
      SourceTree tree = source.tree(commit);
      return new Step.Done<>(compiler.load(revision, tree));
    } catch (IOException | RuntimeException e) {
      return crashed(revision, e);
    }
  }

  /** Validate: a revision with any located error goes no further. */
  static Step<Revision> validate(Loaded loaded) {
    return loaded.errors().isEmpty()
        ? new Step.Done<>(loaded.revision())
        : new Step.Failed<>(loaded.errors());
  }

  /** Admit: which version of each TaskBook rolls out (decided, not recorded). */
  Step<ApprovalGate.Admission> admit(Revision loaded) {
    try {
      return new Step.Done<>(gate.decide(loaded));
    } catch (RuntimeException e) {
      return crashed(loaded.id(), e);
    }
  }

  /**
   * Compile: {@code only} (empty: every node) of {@code admitted}, for the registered {@code
   * nodes}. The plans come sealed, with an empty plan for each wanted node that has nothing to do;
   * the compiler may return other nodes too (those whose plans read these).
   */
  Step<Compiled> compile(Revision admitted, List<NodeInfo> nodes, Set<String> only) {
    CompileOutcome outcome;
    try {
      outcome = compiler.compile(new CompileRequest(admitted, nodes, only));
    } catch (RuntimeException e) {
      return crashed(admitted.id(), e);
    }
    if (outcome instanceof CompileOutcome.Rejected rejected) {
      return new Step.Failed<>(rejected.errors());
    }
    CompileOutcome.Accepted accepted = (CompileOutcome.Accepted) outcome;
    Map<String, NodePlan> sealed = seal(accepted.plans(), admitted.id());
    if (only.isEmpty()) {
      nodes.forEach(n -> sealed.computeIfAbsent(n.getName(), x -> empty(x, admitted.id())));
    } else {
      only.forEach(n -> sealed.computeIfAbsent(n, x -> empty(x, admitted.id())));
    }
    return new Step.Done<>(new Compiled(sealed, accepted.objects()));
  }

  /** admit → compile, for every node: what {@code loaded} would serve. */
  Step<Candidate> admitAndCompile(Revision loaded, List<NodeInfo> nodes) {
    return admit(loaded)
        .then(
            admission ->
                compile(admission.revision(), nodes, Set.of())
                    .map(compiled -> new Candidate(loaded, admission, compiled)));
  }

  private <T> Step<T> crashed(String revision, Exception e) {
    LOG.error("event=compile_crashed revision={} error=\"{}\"", revision, e.toString());
    return new Step.Failed<>(
        List.of(
            "<revision>:1:1: cannot compile "
                + revision
                + ": "
                + source.redactor().apply(e.toString())));
  }

  private static Map<String, NodePlan> seal(Map<String, NodePlan> compiled, String revision) {
    Map<String, NodePlan> sealed = new TreeMap<>();
    compiled.forEach(
        (node, plan) -> {
          NodePlan named =
              plan.getNode().equals(node)
                  ? plan
                  : plan.toBuilder().setNode(node).clearHash().build();
          sealed.put(node, PlanHash.seal(named, revision));
        });
    return sealed;
  }

  private static NodePlan empty(String node, String revision) {
    return PlanHash.seal(NodePlan.newBuilder().setNode(node).build(), revision);
  }
}
