package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.Context;
import com.google.protobuf.Struct;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.reconciler.compile.PreparedTaskBook.PreparedStep;
import dev.eden.schema.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Compiles the plan of one node against a prepared revision. Stateless; safe in parallel. */
final class NodeCompiler {

  /**
   * What compiling one node gave: its plan (null when it has errors), its errors, and the selectors
   * its templates looked up with {@code nodes} (inputs of its fingerprint).
   */
  record Outcome(String node, NodePlan plan, List<Diagnostic> errors, Set<String> selectors) {}

  private NodeCompiler() {}

  static Outcome compile(PreparedRevision rev, KnownNode node) {
    List<Diagnostic> errors = new ArrayList<>();
    Set<String> selectors = new TreeSet<>();
    NodePlan.Builder plan = NodePlan.newBuilder().setNode(node.name());
    Map<String, Object> nodeView = Map.of("name", node.name(), "labels", node.labels());
    for (PreparedTaskBook tb : rev.taskBooksOf(node.name())) {
      if (!tb.errors().isEmpty()) {
        errors.addAll(tb.errors());
        continue;
      }
      Map<String, Object> root;
      try {
        root = root(rev, node, nodeView, tb.namespace(), tb.vars(), Map.of(), selectors);
      } catch (CompileError e) {
        errors.add(e.diagnostic());
        continue;
      }
      RenderScope scope = new RenderScope(rev.nodes, tb.key() + "/", tb.stepNames(), selectors);
      Context ctx = rev.templates.engine().context(root, scope);
      addSteps(plan, node, tb, tb.key() + "/", root, ctx, scope, errors);
    }
    for (PreparedBeacon b : rev.beaconsOf(node.name())) {
      addBeacon(plan, rev, node, nodeView, b, selectors, errors);
    }
    if (!errors.isEmpty()) {
      // a bad variable every TaskBook of the node reads is one problem
      return new Outcome(
          node.name(), null, List.copyOf(new java.util.LinkedHashSet<>(errors)), selectors);
    }
    NodePlan built = plan.build();
    NodePlan done =
        built.toBuilder().setHash(PlanHash.of(built)).setRevision(rev.revision.id()).build();
    return new Outcome(node.name(), done, List.of(), selectors);
  }

  /**
   * One TaskBook's steps for one node outside its plan (a dispatch): step ids start with {@code
   * idPrefix} and templates also see {@code extraRoot} (such as {@code event}). Which nodes a
   * coordinated step waits for or chooses among is recorded by the reconciler for the dispatch.
   */
  static StepsOutcome compileTaskBook(
      PreparedRevision rev,
      KnownNode node,
      PreparedTaskBook tb,
      String idPrefix,
      Map<String, Object> extraRoot) {
    if (!tb.errors().isEmpty()) {
      return new StepsOutcome(List.of(), tb.errors());
    }
    List<Diagnostic> errors = new ArrayList<>();
    Map<String, Object> nodeView = Map.of("name", node.name(), "labels", node.labels());
    Map<String, Object> root;
    try {
      root = root(rev, node, nodeView, tb.namespace(), tb.vars(), extraRoot, new TreeSet<>());
    } catch (CompileError e) {
      return new StepsOutcome(List.of(), List.of(e.diagnostic()));
    }
    RenderScope scope = new RenderScope(rev.nodes, idPrefix, tb.stepNames(), new TreeSet<>());
    Context ctx = rev.templates.engine().context(root, scope);
    NodePlan.Builder plan = NodePlan.newBuilder().setNode(node.name());
    addSteps(plan, node, tb, idPrefix, root, ctx, scope, errors);
    if (!errors.isEmpty()) {
      return new StepsOutcome(List.of(), List.copyOf(errors));
    }
    return new StepsOutcome(List.copyOf(plan.getStepsList()), List.of());
  }

  /** The steps of one TaskBook compiled for one node, or its errors. */
  record StepsOutcome(List<PlanStep> steps, List<Diagnostic> errors) {}

  /**
   * The template context's root: node, facts, merged vars (combined values rendered), namespace,
   * and {@code extra}.
   *
   * @param selectors gets the selectors combined values look up with {@code nodes}
   * @throws CompileError at a combined value that cannot be rendered
   */
  private static Map<String, Object> root(
      PreparedRevision rev,
      KnownNode node,
      Map<String, Object> nodeView,
      String namespace,
      Optional<VarSource> ownVars,
      Map<String, Object> extra,
      Set<String> selectors) {
    Map<String, Object> vars = vars(rev, node, nodeView, namespace, ownVars, selectors).vars();
    Map<String, Object> base =
        Map.of("node", nodeView, "facts", node.facts(), "vars", vars, "namespace", namespace);
    if (extra.isEmpty()) {
      return base;
    }
    Map<String, Object> root = new HashMap<>(extra);
    root.putAll(base);
    return root;
  }

  /** The node's merged variables in {@code namespace}, with their combined values rendered. */
  static CombinedVars.Rendered vars(
      PreparedRevision rev,
      KnownNode node,
      Map<String, Object> nodeView,
      String namespace,
      Optional<VarSource> ownVars,
      Set<String> selectors) {
    List<VarSource> sources =
        rev.scopes.sources(node, rev.groupsOf(node.name()), namespace, ownVars);
    Map<String, Object> context =
        Map.of("node", nodeView, "facts", node.facts(), "namespace", namespace);
    return rev.combined.render(
        rev.scopes.merge(sources),
        sources,
        context,
        RenderScope.forVariables(rev.nodes, selectors));
  }

  private static void addBeacon(
      NodePlan.Builder plan,
      PreparedRevision rev,
      KnownNode node,
      Map<String, Object> nodeView,
      PreparedBeacon b,
      Set<String> selectors,
      List<Diagnostic> errors) {
    if (!b.errors().isEmpty()) {
      errors.addAll(b.errors());
      return;
    }
    RenderScope scope = new RenderScope(rev.nodes, b.key() + "/", Set.of(), selectors);
    try {
      Map<String, Object> root =
          root(rev, node, nodeView, b.namespace(), Optional.empty(), Map.of(), selectors);
      plan.addBeacons(
          b.prototype().toBuilder()
              .setParameters(params(b.params(), rev.templates.engine().context(root, scope))));
    } catch (CompileError e) {
      errors.add(e.diagnostic());
    }
  }

  private static Struct params(Param p, Context ctx) {
    return p instanceof Param.Obj o ? o.struct(ctx) : ((Param.Fixed) p).value().getStructValue();
  }

  private static void addSteps(
      NodePlan.Builder plan,
      KnownNode node,
      PreparedTaskBook tb,
      String idPrefix,
      Map<String, Object> root,
      Context ctx,
      RenderScope scope,
      List<Diagnostic> errors) {
    Map<String, List<String>> emitted = new HashMap<>();
    for (PreparedStep s : tb.steps()) {
      if (!s.runsOn(node.labels())) {
        emitted.put(s.name(), List.of());
        continue;
      }
      List<String> requires = new ArrayList<>();
      s.requires().forEach(r -> requires.addAll(emitted.getOrDefault(r, List.of())));
      List<String> ids = new ArrayList<>();
      try {
        if (s.forEach().isEmpty()) {
          ids.add(emit(plan, node, idPrefix, s, s.name(), ctx, scope, requires));
        } else {
          for (ForEach.Item item : ForEach.items(root, s.forEach().get())) {
            Map<String, Object> model = new HashMap<>();
            model.put("item", item.value());
            model.put("itemKey", item.key());
            model.put("itemIndex", item.index());
            Context child = Context.newBuilder(ctx, model).build();
            String name = s.name() + "[" + item.key() + "]";
            ids.add(emit(plan, node, idPrefix, s, name, child, scope, requires));
          }
        }
      } catch (CompileError e) {
        errors.add(e.diagnostic());
      }
      emitted.put(s.name(), ids);
    }
  }

  private static String emit(
      NodePlan.Builder plan,
      KnownNode node,
      String idPrefix,
      PreparedStep s,
      String name,
      Context ctx,
      RenderScope scope,
      List<String> requires) {
    scope.takeDeferred();
    String id = idPrefix + name;
    Struct params = params(s.params(), ctx);
    PlanStep.Builder b =
        s.prototype().toBuilder()
            .setId(id)
            .setName(name)
            .setParameters(params)
            .addAllRequires(requires);
    b.addAllDeferred(scope.takeDeferred());
    if (s.candidate(node.labels())) {
      b.getRunOptionsBuilder().setTargetCandidate(true);
    }
    plan.addSteps(b);
    return id;
  }
}
