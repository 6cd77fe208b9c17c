package dev.eden.reconciler.compile;

import dev.eden.proto.EmitOn;
import dev.eden.proto.PlanBeacon;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec;
import dev.eden.schema.model.Spec.BeaconSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A Beacon made ready once per revision: the nodes it targets, the fixed part of its {@link
 * PlanBeacon}, and its check's parameters (which may use templates, rendered per node with the
 * namespace's variables).
 */
record PreparedBeacon(
    Manifest manifest,
    String key,
    String namespace,
    List<String> targets,
    PlanBeacon prototype,
    Param params,
    List<Diagnostic> errors) {

  static PreparedBeacon prepare(
      Manifest m, List<String> targets, TemplateCache templates, SourceTree tree) {
    BeaconSpec spec = m.spec(BeaconSpec.class);
    String ns = m.metadata().namespace().orElse("");
    String key = ns + "/" + m.metadata().name();
    List<Diagnostic> errors = new ArrayList<>();
    Param params =
        new ParamPreparer(templates, tree, errors, new HashSet<>())
            .prepare(spec.check().parameters());
    PlanBeacon proto =
        PlanBeacon.newBuilder()
            .setName(key)
            .setIntervalMs(spec.interval().toMillis())
            .setAction(spec.check().action())
            .setEmitReason(spec.emit().reason())
            .setEmitOn(emitOn(spec.emit().on()))
            .build();
    return new PreparedBeacon(m, key, ns, targets, proto, params, List.copyOf(errors));
  }

  private static EmitOn emitOn(Spec.EmitOn on) {
    return switch (on) {
      case FAILURE -> EmitOn.EMIT_ON_FAILURE;
      case RECOVERY -> EmitOn.EMIT_ON_RECOVERY;
      case CHANGE -> EmitOn.EMIT_ON_CHANGE;
      case ALWAYS -> EmitOn.EMIT_ON_ALWAYS;
    };
  }
}
