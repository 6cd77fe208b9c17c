package dev.eden.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import org.junit.jupiter.api.Test;

class PlanRedactionTest {

  private static Value text(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  private static PlanStep step(String id, boolean sensitive) {
    return PlanStep.newBuilder()
        .setId(id)
        .setAction("file.managed")
        .setSensitive(sensitive)
        .setParameters(
            Struct.newBuilder()
                .putFields("path", text("/etc/app/secret.env"))
                .putFields("mode", text("0600"))
                .putFields("content", text("PASSWORD=hunter2")))
        .build();
  }

  @Test
  void sensitiveStepsKeepWhereAndWhatButNotTheirValues() {
    NodePlan plan =
        NodePlan.newBuilder()
            .setNode("web-1")
            .setHash("abc")
            .addSteps(step("ns/tb/secret", true))
            .addSteps(step("ns/tb/plain", false))
            .addDispatched(DispatchedRun.newBuilder().setId("d1").addSteps(step("d1/s", true)))
            .build();

    NodePlan shown = PlanRedaction.forPeople(plan);

    // only the step not marked sensitive still shows its content
    assertThat(shown.toString().split("hunter2", -1)).hasSize(2);
    Struct secret = shown.getSteps(0).getParameters();
    assertThat(secret.getFieldsOrThrow("content").getStringValue()).isEqualTo("(sensitive)");
    assertThat(secret.getFieldsOrThrow("path").getStringValue()).isEqualTo("/etc/app/secret.env");
    assertThat(secret.getFieldsOrThrow("mode").getStringValue()).isEqualTo("0600");
    assertThat(shown.getSteps(1)).isEqualTo(plan.getSteps(1));
    assertThat(
            shown
                .getDispatched(0)
                .getSteps(0)
                .getParameters()
                .getFieldsOrThrow("content")
                .getStringValue())
        .isEqualTo("(sensitive)");
    assertThat(shown.getHash()).isEqualTo("abc");
  }

  @Test
  void aFileMarkedSensitiveInItsParametersIsHiddenToo() {
    PlanStep file = step("ns/tb/file", false);
    file =
        file.toBuilder()
            .setParameters(
                file.getParameters().toBuilder()
                    .putFields("sensitive", Value.newBuilder().setBoolValue(true).build()))
            .build();
    NodePlan shown = PlanRedaction.forPeople(NodePlan.newBuilder().addSteps(file).build());
    assertThat(shown.toString()).doesNotContain("hunter2").contains("/etc/app/secret.env");
  }
}
