package dev.eden.reconciler.compile;

import dev.eden.proto.Condition;
import dev.eden.proto.Conditions;
import dev.eden.proto.Export;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import dev.eden.proto.TaskBookMode;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec;
import dev.eden.schema.model.Spec.Step;
import dev.eden.schema.model.Spec.TaskBookSpec;
import dev.eden.schema.model.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A TaskBook made ready once per revision: its steps in execution order, each with the parts of its
 * {@link PlanStep} that are the same for every node, and its compiled templates.
 *
 * @param key {@code namespace/name}
 * @param targets the nodes it targets, sorted
 * @param errors problems that make it unusable for every node it targets
 * @param templateFiles the template files its steps render
 */
record PreparedTaskBook(
    Manifest manifest,
    String key,
    String namespace,
    List<String> targets,
    List<PreparedStep> steps,
    Set<String> stepNames,
    Optional<VarSource> vars,
    List<Diagnostic> errors,
    Set<String> templateFiles) {

  /** One step: what every node's copy shares, and what is rendered per node. */
  record PreparedStep(
      String name,
      PlanStep prototype,
      Param params,
      Optional<Value.Scalar> forEach,
      List<String> requires) {}

  static PreparedTaskBook prepare(
      Manifest m,
      List<String> targets,
      KnownNodes nodes,
      TemplateCache templates,
      SourceTree tree,
      Optional<VarSource> vars) {
    TaskBookSpec spec = m.spec(TaskBookSpec.class);
    String ns = m.metadata().namespace().orElse("");
    String key = ns + "/" + m.metadata().name();
    List<Diagnostic> errors = new ArrayList<>();
    Set<String> files = new LinkedHashSet<>();
    ParamPreparer params = new ParamPreparer(templates, tree, errors, files);
    List<PreparedStep> steps = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (int i : StepOrder.of(spec.steps(), errors)) {
      Step s = spec.steps().get(i);
      names.add(s.name());
      PlanStep proto = prototype(key, spec, s, targets, nodes);
      steps.add(
          new PreparedStep(
              s.name(), proto, params.prepare(s.parameters()), s.forEach(), s.requires()));
    }
    spec.steps().forEach(s -> names.add(s.name()));
    return new PreparedTaskBook(
        m,
        key,
        ns,
        targets,
        List.copyOf(steps),
        Set.copyOf(names),
        vars,
        List.copyOf(errors),
        Set.copyOf(files));
  }

  private static PlanStep prototype(
      String key, TaskBookSpec spec, Step s, List<String> targets, KnownNodes nodes) {
    PlanStep.Builder b =
        PlanStep.newBuilder()
            .setTaskbook(key)
            .setAction(s.action())
            .setMode(mode(spec.mode()))
            .setSensitive(s.sensitive())
            .setSource(s.pos().toString());
    RunOptions run = runOptions(s.runOptions(), targets, nodes);
    if (!run.equals(RunOptions.getDefaultInstance())) {
      b.setRunOptions(run);
    }
    s.export()
        .ifPresent(
            e ->
                b.setExport(
                    Export.newBuilder()
                        .setName(e.name())
                        .setVisibleTo(e.visibleTo().map(Object::toString).orElse(""))));
    s.conditions().ifPresent(c -> b.setConditions(conditions(c)));
    return b.build();
  }

  private static RunOptions runOptions(Spec.RunOptions o, List<String> targets, KnownNodes nodes) {
    RunOptions.Builder r = RunOptions.newBuilder();
    o.serializeCount().ifPresent(r::setSerializeCount);
    r.setSync(o.sync());
    o.syncTimeout().ifPresent(d -> r.setSyncTimeoutMs(d.toMillis()));
    if (o.sync()) {
      r.addAllSyncNodes(targets);
    }
    o.target()
        .ifPresent(
            t -> {
              r.setTargetLimit(t.limit());
              r.setTargetSelector(t.selector().map(Object::toString).orElse(""));
              r.addAllTargetNodes(
                  targets.stream()
                      .filter(
                          n ->
                              t.selector()
                                  .map(sel -> sel.matches(nodes.get(n).labels()))
                                  .orElse(true))
                      .toList());
            });
    return r.build();
  }

  private static Conditions conditions(Spec.Conditions c) {
    Conditions.Builder b = Conditions.newBuilder();
    c.when().ifPresent(w -> b.setWhen(condition(w)));
    c.success().ifPresent(w -> b.setSuccess(condition(w)));
    return b.build();
  }

  private static Condition condition(Spec.Condition c) {
    Condition.Builder b = Condition.newBuilder().setExpression(c.expression());
    c.retry()
        .ifPresent(r -> b.setRetryIntervalMs(r.interval().toMillis()).setRetryLimit(r.limit()));
    return b.build();
  }

  private static TaskBookMode mode(Spec.Mode m) {
    return switch (m) {
      case CONVERGE -> TaskBookMode.CONVERGE;
      case ONCE -> TaskBookMode.ONCE;
      case MANUAL -> TaskBookMode.MANUAL;
    };
  }

  /** True for {@code mode: manual}: run only when dispatched, never in a node's plan. */
  boolean manual() {
    return manifest.spec(TaskBookSpec.class).mode() == Spec.Mode.MANUAL;
  }

  /** True when some step's plan lists the TaskBook's nodes (sync barrier, target limit). */
  boolean listsTargets() {
    return steps.stream()
        .anyMatch(
            s ->
                s.prototype().getRunOptions().getSyncNodesCount() > 0
                    || s.prototype().getRunOptions().getTargetLimit() > 0);
  }
}
