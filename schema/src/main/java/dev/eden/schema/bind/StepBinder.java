package dev.eden.schema.bind;

import dev.eden.schema.model.Spec;
import dev.eden.schema.model.Value;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Binds a TaskBook's spec and its steps. */
final class StepBinder {

  private StepBinder() {}

  static Spec taskBook(Fields f) {
    List<Spec.Step> steps = f.parts("steps").stream().map(StepBinder::step).toList();
    return new Spec.TaskBookSpec(
        f.choice("mode", Spec.Mode.class),
        f.bool("suspend"),
        f.choice("approval", Spec.Approval.class),
        targets(f.part("targets")),
        f.freeMap("vars"),
        steps);
  }

  static Spec.Targets targets(Optional<Fields> targets) {
    return targets
        .map(t -> new Spec.Targets(t.texts("nodeGroups"), t.texts("nodes"), t.selector("selector")))
        .orElse(Spec.Targets.none());
  }

  private static Spec.Step step(Fields s) {
    Value forEach = s.map().get("forEach");
    return new Spec.Step(
        s.text("name"),
        s.text("action"),
        s.freeMap("parameters").orElse(Value.Map.empty(s.map().pos())),
        Optional.ofNullable(forEach).map(Value.Scalar.class::cast),
        s.texts("requires"),
        s.part("conditions").map(StepBinder::conditions),
        s.part("runOptions").map(StepBinder::runOptions).orElse(Spec.RunOptions.none()),
        s.part("export").map(e -> new Spec.Export(e.text("name"), e.selector("visibleTo"))),
        s.bool("sensitive"),
        s.map().pos());
  }

  private static Spec.Conditions conditions(Fields c) {
    return new Spec.Conditions(
        c.part("when").map(StepBinder::condition), c.part("success").map(StepBinder::condition));
  }

  private static Spec.Condition condition(Fields c) {
    Value expr = c.map().get("condition");
    return new Spec.Condition(
        c.text("condition"),
        expr.pos(),
        c.part("retry")
            .map(
                r ->
                    new Spec.Retry(
                        r.duration("interval").orElse(Duration.ZERO), r.count("limit"))));
  }

  private static Spec.RunOptions runOptions(Fields r) {
    return new Spec.RunOptions(
        r.part("serialize").map(s -> s.count("count")),
        r.bool("sync"),
        r.duration("syncTimeout"),
        r.part("target").map(t -> new Spec.RunTarget(t.optCount("limit"), t.selector("selector"))));
  }
}
