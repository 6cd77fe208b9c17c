package dev.eden.schema.bind;

import dev.eden.schema.lang.Catalog;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.ObjectMeta;
import dev.eden.schema.model.Spec;
import dev.eden.schema.model.Spec.ConcurrencyPolicy;
import dev.eden.schema.model.Spec.EmitOn;
import dev.eden.schema.model.Spec.MisfirePolicy;
import dev.eden.schema.model.Value;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the typed model from a document that passed every check. It never reports problems: a
 * document that reaches it is valid, so a failure here is a bug in the checks.
 */
public final class SpecBinder {

  private SpecBinder() {}

  /** The typed object of a checked, clean document of {@code kind}. */
  public static Manifest bind(Value.Map root, Kind kind) {
    Fields envelope = new Fields(root, Catalog.ENVELOPE);
    Fields meta = envelope.part("metadata").orElseThrow();
    ObjectMeta metadata =
        new ObjectMeta(
            meta.text("name"),
            kind.namespaced() ? meta.optText("namespace") : Optional.empty(),
            meta.textMap("labels"),
            meta.textMap("annotations"));
    Value.Map specMap = envelope.freeMap("spec").orElse(Value.Map.empty(root.pos()));
    Spec spec = spec(kind, new Fields(specMap, Catalog.spec(kind)), metadata);
    return new Manifest(envelope.text("apiVersion"), kind, metadata, spec, root.pos());
  }

  private static Spec spec(Kind kind, Fields f, ObjectMeta metadata) {
    return switch (kind) {
      case NODE_GROUP ->
          new Spec.NodeGroupSpec(f.selector("selector"), f.texts("nodes"), f.freeMap("vars"));
      case NODE -> new Spec.NodeSpec(nodeLabels(metadata, f), f.freeMap("vars"));
      case CONFIG ->
          new Spec.ConfigSpec(
              f.duration("poll"), f.duration("agentInterval"), f.duration("syncTimeout"));
      case CLUSTER_VARIABLE ->
          new Spec.ClusterVariableSpec(f.selector("selector"), f.freeMap("values").orElseThrow());
      case VARIABLE ->
          new Spec.VariableSpec(
              f.selector("selector"),
              f.texts("nodeGroups"),
              f.texts("nodes"),
              f.freeMap("values").orElseThrow());
      case TASK_BOOK -> StepBinder.taskBook(f);
      case CRON_JOB -> cronJob(f);
      case BEACON -> beacon(f);
      case TRIGGER -> trigger(f);
      case EVENT, CLUSTER_EVENT -> event(f);
    };
  }

  /** {@code metadata.labels} with the {@code spec.labels} alias (the checks made them agree). */
  private static Map<String, String> nodeLabels(ObjectMeta metadata, Fields f) {
    Map<String, String> labels = new TreeMap<>(f.textMap("labels"));
    labels.putAll(metadata.labels());
    return labels;
  }

  private static Spec cronJob(Fields f) {
    return new Spec.CronJobSpec(
        f.text("schedule").trim(),
        ZoneId.of(f.text("timeZone")),
        f.optText("taskBook").map(List::of).orElseGet(() -> f.texts("taskBooks")),
        f.selector("selector"),
        f.choice("concurrencyPolicy", ConcurrencyPolicy.class),
        f.choice("misfirePolicy", MisfirePolicy.class),
        f.bool("suspend"));
  }

  private static Spec beacon(Fields f) {
    Fields check = f.part("check").orElseThrow();
    Fields emit = f.part("emit").orElseThrow();
    return new Spec.BeaconSpec(
        StepBinder.targets(f.part("targets")),
        f.duration("interval").orElseThrow(),
        new Spec.Check(
            check.text("action"),
            check.freeMap("parameters").orElse(Value.Map.empty(check.map().pos()))),
        new Spec.Emit(emit.text("reason"), emit.choice("on", EmitOn.class)));
  }

  private static Spec trigger(Fields f) {
    Fields match = f.part("match").orElseThrow();
    Fields run = f.part("run").orElseThrow();
    String on = run.text("on");
    return new Spec.TriggerSpec(
        new Spec.EventMatch(
            match.optText("reason"),
            match.optText("kind"),
            match.optText("name"),
            match.selector("selector"),
            match.textMap("labels")),
        f.count("minOccurrences"),
        f.duration("window"),
        f.duration("reReactDelay"),
        f.part("waitForMore")
            .map(
                w ->
                    new Spec.WaitForMore(
                        w.duration("timeout").orElse(Duration.ZERO), w.bool("resetTimeoutOnMore"))),
        new Spec.TriggerRun(
            run.text("taskBook"),
            on.equals("emitters")
                ? Optional.empty()
                : Optional.of(dev.eden.schema.select.LabelSelector.parse(on))));
  }

  private static Spec event(Fields f) {
    return new Spec.EventSpec(
        f.choice("type", Spec.EventType.class),
        f.text("reason"),
        f.part("object")
            .map(o -> new Spec.ObjectRef(o.text("kind"), o.optText("namespace"), o.text("name"))),
        f.optText("node"),
        f.text("message"),
        f.textMap("labels"));
  }
}
