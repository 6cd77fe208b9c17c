package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.eden.agent.report.RunPrinter;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.EmitOn;
import dev.eden.proto.ListNodesResponse;
import dev.eden.proto.ListRunsResponse;
import dev.eden.proto.NodePlan;
import dev.eden.proto.NodeState;
import dev.eden.proto.NodeStatus;
import dev.eden.proto.PlanBeacon;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunSummary;
import dev.eden.proto.RunTrigger;
import dev.eden.reconciler.dispatch.Origins;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the values scripts read from {@code -o json} and {@code -o yaml}: each field that became an
 * enum or a oneof on the wire prints the text it printed when it was a string, under the same name.
 * Each row: a field's value, the JSON it prints as, the YAML it prints as.
 */
class MachineOutputTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        node(NodeState.NODE_STATE_READY, "Ready"),
        node(NodeState.NODE_STATE_RECONCILING, "Reconciling"),
        node(NodeState.NODE_STATE_STALLED, "Stalled"),
        node(NodeState.NODE_STATE_UNKNOWN, "Unknown"),
        node(NodeState.NODE_STATE_PENDING, "Pending"),
        dispatchState(DispatchState.DISPATCH_STATE_PENDING, "Pending"),
        dispatchState(DispatchState.DISPATCH_STATE_SUCCEEDED, "Succeeded"),
        dispatchState(DispatchState.DISPATCH_STATE_FAILED, "Failed"),
        dispatchState(DispatchState.DISPATCH_STATE_CANCELLED, "Cancelled"),
        origin(DispatchStatus.newBuilder().setOrigin(Origins.user("alice")), "user:alice"),
        origin(
            DispatchStatus.newBuilder().setOrigin(Origins.trigger("ops", "restore-motd")),
            "Trigger/ops/restore-motd"),
        origin(
            DispatchStatus.newBuilder().setOrigin(Origins.cronJob("ops", "nightly")),
            "CronJob/ops/nightly"),
        origin(
            NodePlan.newBuilder()
                .addDispatched(DispatchedRun.newBuilder().setOrigin(Origins.user("bob"))),
            "user:bob"),
        emitOn(EmitOn.EMIT_ON_FAILURE, "failure"),
        emitOn(EmitOn.EMIT_ON_RECOVERY, "recovery"),
        emitOn(EmitOn.EMIT_ON_CHANGE, "change"),
        emitOn(EmitOn.EMIT_ON_ALWAYS, "always"),
        trigger(RunTrigger.RUN_TRIGGER_START, "start"),
        trigger(RunTrigger.RUN_TRIGGER_PLAN_CHANGED, "plan-changed"),
        trigger(RunTrigger.RUN_TRIGGER_INTERVAL, "interval"),
        trigger(RunTrigger.RUN_TRIGGER_ONCE, "once"),
        trigger(RunTrigger.RUN_TRIGGER_DISPATCH, "dispatch"),
        trigger(RunTrigger.RUN_TRIGGER_APPLY, "apply"),
        trigger(RunTrigger.RUN_TRIGGER_MANUAL, "manual"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void printsTheTextTheFieldHeldAsAString(String row, Message message, String json, String yaml) {
    String printed = MachineOutput.json(message);
    assertThat(printed).as(row).contains(json).doesNotContainPattern("[A-Z]+_[A-Z_]+");
    assertThat(MachineOutput.yaml(printed)).as(row).contains(yaml);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void aRunPrintedByTheAgentSideShowsItsTriggerTheSameWay(
      String row, Message message, String json, String yaml) {
    if (message instanceof ListRunsResponse runs) {
      RunReport report = runs.getReports(0);
      assertThat(RunPrinter.json(report)).as(row).contains(json).doesNotContain("RUN_TRIGGER");
    }
  }

  private static Arguments node(NodeState state, String text) {
    return Arguments.of(
        "node state " + text,
        ListNodesResponse.newBuilder()
            .addNodes(NodeStatus.newBuilder().setName("web-1").setState(state))
            .build(),
        "\"state\": \"" + text + "\"",
        "state: " + text);
  }

  private static Arguments dispatchState(DispatchState state, String text) {
    return Arguments.of(
        "dispatch state " + text,
        DispatchStatus.newBuilder()
            .setId("d-1")
            .addNodes(DispatchNode.newBuilder().setNode("web-1").setState(state))
            .build(),
        "\"state\": \"" + text + "\"",
        "state: " + text);
  }

  private static Arguments origin(Message.Builder message, String text) {
    return Arguments.of(
        "origin " + text + " in " + message.getDescriptorForType().getName(),
        message.build(),
        "\"origin\": \"" + text + "\"",
        "origin: " + text);
  }

  private static Arguments emitOn(EmitOn on, String text) {
    return Arguments.of(
        "beacon emitOn " + text,
        NodePlan.newBuilder()
            .addBeacons(PlanBeacon.newBuilder().setName("ops/motd").setEmitOn(on))
            .build(),
        "\"emitOn\": \"" + text + "\"",
        "emitOn: " + text);
  }

  private static Arguments trigger(RunTrigger trigger, String text) {
    return Arguments.of(
        "run trigger " + text,
        ListRunsResponse.newBuilder()
            .addRuns(RunSummary.newBuilder().setNode("web-1").setTrigger(trigger))
            .addReports(RunReport.newBuilder().setNode("web-1").setTrigger(trigger))
            .build(),
        "\"trigger\": \"" + text + "\"",
        "trigger: " + text);
  }
}
