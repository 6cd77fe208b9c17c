package dev.eden.reconciler.compile;

import com.google.protobuf.Struct;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.schema.Diagnostic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last compilation and, given a new revision or one node's new labels and facts,
 * recompiles only the nodes whose inputs changed (see {@link Fingerprints}); the others keep their
 * plans, restamped with the new revision. Recompiled nodes compile in parallel. One caller at a
 * time (methods are synchronized).
 */
public final class IncrementalCompiler {

  private static final Logger LOG = LoggerFactory.getLogger(IncrementalCompiler.class);

  /**
   * What one call did.
   *
   * @param result every node's plan (recompiled or carried over) and every error
   * @param recompiled the nodes compiled again
   * @param changed the nodes whose plan hash changed, appeared, or went away
   */
  public record Update(CompileResult result, Set<String> recompiled, Set<String> changed) {}

  private record NodeState(byte[] fingerprint, Set<String> selectors) {}

  private record FactsMemo(Struct facts, byte[] digest) {}

  private final Compiler compiler;
  private final Clock clock;
  private final Map<String, FactsMemo> facts = new ConcurrentHashMap<>();
  private Revision revision;
  private Map<String, NodeInput> inputs = Map.of();
  private PreparedRevision prepared;
  private Map<String, NodeState> states = Map.of();
  private CompileResult last;
  private PreparedRevision forDispatch;

  public IncrementalCompiler(Compiler compiler) {
    this.compiler = compiler;
    this.clock = compiler.clock();
  }

  /** The last result, if any. */
  public synchronized Optional<CompileResult> current() {
    return Optional.ofNullable(last);
  }

  /** Compiles {@code revision} for {@code nodes}, reusing what the last call compiled. */
  public synchronized Update compile(Revision revision, Collection<NodeInput> nodes) {
    Map<String, NodeInput> byName = new LinkedHashMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));
    return run(revision, byName);
  }

  /**
   * One node (re)announced itself with new labels or facts: recompiles it and the nodes whose
   * templates list it, against the current revision.
   *
   * @throws IllegalStateException before the first {@link #compile}
   */
  public synchronized Update updateNode(NodeInput node) {
    if (revision == null) {
      throw new IllegalStateException("no revision compiled yet");
    }
    Map<String, NodeInput> byName = new LinkedHashMap<>(inputs);
    byName.put(node.name(), node);
    return run(revision, byName);
  }

  /**
   * The nodes that TaskBook {@code key} ({@code namespace/name}) of {@code accepted} targets, with
   * the labels the compiler knows for them, sorted by name; empty when the revision has no such
   * TaskBook that is not suspended. Reuses the last prepared revision when it is {@code accepted}.
   */
  public synchronized Optional<Map<String, Map<String, String>>> taskBookTargets(
      Revision accepted, String key, Collection<NodeInput> nodes) {
    PreparedRevision rev = preparedFor(accepted, nodes);
    return rev.taskBook(key)
        .map(
            tb -> {
              Map<String, Map<String, String>> out = new TreeMap<>();
              tb.targets().forEach(n -> out.put(n, rev.nodes.get(n).labels()));
              return out;
            });
  }

  /**
   * Compiles TaskBook {@code key} of {@code accepted} for each of {@code nodes} outside their
   * plans, as a dispatch runs it: step ids start with {@code idPrefix}, templates also see {@code
   * extraRoot} at their root (such as {@code event}). {@code known}: every registered node, used
   * when {@code accepted} is not the last revision compiled. Who takes part in a coordinated step
   * is recorded from the compiled runs (see {@code coord.Memberships}).
   *
   * @throws IllegalArgumentException when the TaskBook is not in the revision or a node is not
   *     known to it (ask {@link #taskBookTargets} first)
   */
  public synchronized TaskBookCompilation compileTaskBook(
      Revision accepted,
      String key,
      Collection<NodeInput> known,
      List<String> nodes,
      String idPrefix,
      Map<String, Object> extraRoot) {
    PreparedRevision rev = preparedFor(accepted, known);
    PreparedTaskBook tb =
        rev.taskBook(key)
            .orElseThrow(() -> new IllegalArgumentException("no TaskBook " + key + " to compile"));
    Map<String, List<PlanStep>> steps = new TreeMap<>();
    List<Diagnostic> errors = new ArrayList<>();
    for (String name : nodes) {
      KnownNode node = rev.nodes.get(name);
      if (node == null) {
        throw new IllegalArgumentException("node " + name + " is not known to " + accepted.id());
      }
      NodeCompiler.StepsOutcome o =
          NodeCompiler.compileTaskBook(rev, node, tb, idPrefix, extraRoot);
      if (o.errors().isEmpty()) {
        steps.put(name, o.steps());
      } else {
        o.errors()
            .forEach(
                d -> errors.add(new Diagnostic(d.pos(), d.message() + " (node " + name + ")")));
      }
    }
    return errors.isEmpty()
        ? new TaskBookCompilation(steps, List.of())
        : new TaskBookCompilation(Map.of(), errors);
  }

  /**
   * The prepared form of {@code accepted}: the last compile's when it was that revision, else one
   * prepared for {@code nodes} (after a restart nothing was compiled yet).
   */
  private PreparedRevision preparedFor(Revision accepted, Collection<NodeInput> nodes) {
    if (prepared != null && prepared.revision.id().equals(accepted.id())) {
      return prepared;
    }
    if (forDispatch == null || !forDispatch.revision.id().equals(accepted.id())) {
      forDispatch = compiler.prepare(accepted, nodes, prepared == null ? null : prepared.templates);
    }
    return forDispatch;
  }

  private Update run(Revision rev, Map<String, NodeInput> byName) {
    long start = clock.millis();
    byName.values().forEach(this::rememberFacts);
    PreparedRevision next =
        compiler.prepare(rev, byName.values(), prepared == null ? null : prepared.templates);
    Fingerprints prints = new Fingerprints(next, this::factsDigest);
    List<KnownNode> stale =
        next.nodes.all().parallelStream().filter(n -> isStale(n, prints)).toList();
    List<NodeCompiler.Outcome> outcomes = Compiler.compileNodes(next, stale);
    Update update = commit(rev, byName, next, prints, outcomes);
    LOG.info(
        "incremental compile revision={} nodes={} recompiled={} changed={} ms={}",
        rev.id(),
        next.nodes.all().size(),
        stale.size(),
        update.changed().size(),
        clock.millis() - start);
    return update;
  }

  private boolean isStale(KnownNode n, Fingerprints prints) {
    NodeState old = states.get(n.name());
    return old == null || !Fingerprints.same(old.fingerprint(), prints.of(n, old.selectors()));
  }

  private Update commit(
      Revision rev,
      Map<String, NodeInput> byName,
      PreparedRevision next,
      Fingerprints prints,
      List<NodeCompiler.Outcome> outcomes) {
    Map<String, NodeState> nextStates = new HashMap<>();
    Map<String, NodePlan> kept = new HashMap<>();
    Map<String, List<Diagnostic>> keptErrors = new HashMap<>();
    for (KnownNode n : next.nodes.all()) {
      nextStates.put(n.name(), states.get(n.name()));
      if (last != null && last.plans().containsKey(n.name())) {
        kept.put(n.name(), restamp(last.plans().get(n.name()), rev.id()));
      } else if (last != null && last.nodeErrors().containsKey(n.name())) {
        keptErrors.put(n.name(), last.nodeErrors().get(n.name()));
      }
    }
    Set<String> recompiled = new TreeSet<>();
    for (NodeCompiler.Outcome o : outcomes) {
      recompiled.add(o.node());
      kept.remove(o.node());
      keptErrors.remove(o.node());
      KnownNode n = next.nodes.get(o.node());
      // the fingerprint covers the selectors this compile looked up
      nextStates.put(o.node(), new NodeState(prints.of(n, o.selectors()), o.selectors()));
    }
    CompileResult result = Compiler.result(next, outcomes, kept, keptErrors);
    Set<String> changed = changed(last, result);
    this.revision = rev;
    this.inputs = byName;
    this.prepared = next;
    this.states = nextStates;
    this.last = result;
    facts.keySet().retainAll(byName.keySet());
    return new Update(result, recompiled, changed);
  }

  private static NodePlan restamp(NodePlan plan, String revisionId) {
    return plan.getRevision().equals(revisionId)
        ? plan
        : plan.toBuilder().setRevision(revisionId).build();
  }

  private static Set<String> changed(CompileResult before, CompileResult after) {
    Set<String> out = new TreeSet<>();
    Map<String, NodePlan> old = before == null ? Map.of() : before.plans();
    after
        .plans()
        .forEach(
            (n, p) -> {
              NodePlan o = old.get(n);
              if (o == null || !o.getHash().equals(p.getHash())) {
                out.add(n);
              }
            });
    old.keySet().stream().filter(n -> !after.plans().containsKey(n)).forEach(out::add);
    return out;
  }

  private void rememberFacts(NodeInput n) {
    FactsMemo memo = facts.get(n.name());
    if (memo == null || !(memo.facts() == n.facts() || memo.facts().equals(n.facts()))) {
      facts.put(n.name(), new FactsMemo(n.facts(), Digest.of(n.facts())));
    }
  }

  private byte[] factsDigest(String node) {
    FactsMemo memo = facts.get(node);
    return memo != null ? memo.digest() : EMPTY_FACTS;
  }

  private static final byte[] EMPTY_FACTS = Digest.of(Struct.getDefaultInstance());
}
