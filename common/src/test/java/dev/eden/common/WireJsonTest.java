package dev.eden.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.eden.proto.Conditions;
import dev.eden.proto.Event;
import dev.eden.proto.ListEventsResponse;
import dev.eden.proto.ListNodesResponse;
import dev.eden.proto.NodePlan;
import dev.eden.proto.NodeState;
import dev.eden.proto.NodeStatus;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import org.junit.jupiter.api.Test;

class WireJsonTest {

  @Test
  void printsWhatJsonFormatPrintsWhenNoValueHasAText() throws InvalidProtocolBufferException {
    for (MessageOrBuilder m :
        new MessageOrBuilder[] {plan(), events(), NodePlan.getDefaultInstance(), struct()}) {
      assertThat(WireJson.print(m)).isEqualTo(JsonFormat.printer().print(m));
    }
  }

  @Test
  void printsAnEnumValueAsItsTextAndLeavesTheRestAsJsonFormatHasIt()
      throws InvalidProtocolBufferException {
    ListNodesResponse nodes =
        ListNodesResponse.newBuilder()
            .addNodes(
                NodeStatus.newBuilder()
                    .setName("web-1")
                    .setState(NodeState.NODE_STATE_READY)
                    .setFacts(struct()))
            .addNodes(NodeStatus.newBuilder().setName("web-2"))
            .build();
    String printed = WireJson.print(nodes);
    assertThat(printed)
        .contains("\"state\": \"Ready\"")
        .doesNotContain("NODE_STATE")
        .isEqualTo(JsonFormat.printer().print(nodes).replace("\"NODE_STATE_READY\"", "\"Ready\""));
  }

  @Test
  void aNumberThisBuildDoesNotKnowStaysTheNumberJsonFormatPrints() {
    NodeStatus fromNewerPeer = NodeStatus.newBuilder().setName("n").setStateValue(99).build();
    assertThat(WireJson.print(fromNewerPeer)).contains("\"state\": 99");
  }

  private static NodePlan plan() {
    return NodePlan.newBuilder()
        .setNode("web-1")
        .setRevision("main@sha1:abc")
        .addSteps(
            PlanStep.newBuilder()
                .setId("ops/web/app config[2]")
                .setParameters(struct())
                .addRequires("a")
                .addRequires("b")
                .setRunOptions(RunOptions.newBuilder().setSyncTimeoutMs(600_000L).setSync(true))
                .setConditions(Conditions.getDefaultInstance()))
        .addSteps(PlanStep.newBuilder().setId("second").setSensitive(true))
        .build();
  }

  private static ListEventsResponse events() {
    return ListEventsResponse.newBuilder()
        .addEvents(
            Event.newBuilder()
                .setSeq(42)
                .setType(Event.Type.WARNING)
                .setReason("StepFailed")
                .setObject(ObjectRef.newBuilder().setKind("TaskBook").setName("web"))
                .putLabels("step", "a <b> & 'c' = \"d\"")
                .putLabels("run", "r-1")
                .setFirstTime(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5_000_000))
                .setMessage("line 1\nline 2 \t é ✓ \\ / \u0001")
                .setCount(3))
        .addEvents(Event.getDefaultInstance())
        .build();
  }

  private static Struct struct() {
    return Struct.newBuilder()
        .putFields("path", Value.newBuilder().setStringValue("/etc/<x>.conf").build())
        .putFields("mode", Value.newBuilder().setNumberValue(420).build())
        .putFields("ratio", Value.newBuilder().setNumberValue(1.5).build())
        .putFields("on", Value.newBuilder().setBoolValue(true).build())
        .putFields("none", Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build())
        .putFields("empty", Value.newBuilder().setStructValue(Struct.getDefaultInstance()).build())
        .putFields(
            "list",
            Value.newBuilder()
                .setListValue(
                    ListValue.newBuilder()
                        .addValues(Value.newBuilder().setStringValue("a"))
                        .addValues(
                            Value.newBuilder()
                                .setStructValue(
                                    Struct.newBuilder()
                                        .putFields(
                                            "k", Value.newBuilder().setNumberValue(1).build()))))
                .build())
        .build();
  }
}
