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
import dev.eden.schema.select.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  /**
   * One step: what every node's copy shares, and what is rendered per node.
   *
   * @param selector {@code target.selector}: with a limit, the candidates; without, the only nodes
   *     that have the step
   */
  record PreparedStep(
      String name,
      PlanStep prototype,
      Param params,
      Optional<Value.Scalar> forEach,
      List<String> requires,
      Optional<LabelSelector> selector) {

    /** Whether a node with {@code labels} has this step in its plan. */
    boolean runsOn(Map<String, String> labels) {
      return limited() || matches(labels);
    }

    /** Whether a node with {@code labels} is a candidate of the step's target.limit. */
    boolean candidate(Map<String, String> labels) {
      return limited() && matches(labels);
    }

    private boolean limited() {
      return prototype.getRunOptions().getTargetLimit() > 0;
    }

    private boolean matches(Map<String, String> labels) {
      return selector.map(sel -> sel.matches(labels)).orElse(true);
    }
  }

  static PreparedTaskBook prepare(
      Manifest m,
      List<String> targets,
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
      PlanStep proto = prototype(key, spec, s);
      steps.add(
          new PreparedStep(
              s.name(),
              proto,
              params.prepare(s.parameters()),
              s.forEach(),
              s.requires(),
              s.runOptions().target().flatMap(Spec.RunTarget::selector)));
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

  private static PlanStep prototype(String key, TaskBookSpec spec, Step s) {
    PlanStep.Builder b =
        PlanStep.newBuilder()
            .setTaskbook(key)
            .setAction(s.action())
            .setMode(mode(spec.mode()))
            .setSensitive(s.sensitive())
            .setSource(s.pos().toString());
    RunOptions run = runOptions(s.runOptions());
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

  /**
   * The step's options as the plan carries them: what it asks for, never which nodes take part (the
   * reconciler records barrier members and target candidates when it accepts a revision).
   */
  private static RunOptions runOptions(Spec.RunOptions o) {
    RunOptions.Builder r = RunOptions.newBuilder();
    o.serializeCount().ifPresent(r::setSerializeCount);
    r.setSync(o.sync());
    o.syncTimeout().ifPresent(d -> r.setSyncTimeoutMs(d.toMillis()));
    o.target()
        .ifPresent(
            t -> {
              t.limit().ifPresent(r::setTargetLimit);
              r.setTargetSelector(t.selector().map(Object::toString).orElse(""));
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
}
