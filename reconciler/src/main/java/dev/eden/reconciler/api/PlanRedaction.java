package dev.eden.reconciler.api;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.reconciler.review.Redaction;
import java.util.Map;

/**
 * A plan as people see it (the control service's GetNodePlan): the parameters of {@code sensitive}
 * steps (and of {@code file.managed} steps with {@code sensitive: true}) are replaced by {@value
 * #HIDDEN}, except the few that say where and what (path, name, mode, owner), so nothing secret
 * leaves the reconciler on a viewer's screen. Agents get the whole plan from the agent service.
 */
final class PlanRedaction {

  static final String HIDDEN = Redaction.HIDDEN;

  private PlanRedaction() {}

  static NodePlan forPeople(NodePlan plan) {
    NodePlan.Builder b = plan.toBuilder();
    for (int i = 0; i < b.getStepsCount(); i++) {
      b.setSteps(i, redact(b.getSteps(i)));
    }
    for (int i = 0; i < b.getDispatchedCount(); i++) {
      DispatchedRun.Builder run = b.getDispatched(i).toBuilder();
      for (int j = 0; j < run.getStepsCount(); j++) {
        run.setSteps(j, redact(run.getSteps(j)));
      }
      b.setDispatched(i, run);
    }
    return b.build();
  }

  private static PlanStep redact(PlanStep step) {
    if (!Redaction.sensitive(step)) {
      return step;
    }
    Struct.Builder params = Struct.newBuilder();
    for (Map.Entry<String, Value> e : step.getParameters().getFieldsMap().entrySet()) {
      params.putFields(
          e.getKey(),
          !Redaction.hides(step, e.getKey())
              ? e.getValue()
              : Value.newBuilder().setStringValue(HIDDEN).build());
    }
    return step.toBuilder().setParameters(params).build();
  }
}
