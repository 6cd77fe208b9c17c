package dev.eden.agent.exec;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;

/** Plans for tests, written compactly. */
public final class Plans {
  private Plans() {}

  public static PlanStep step(String name, String action, String paramsJson, String... requires) {
    return PlanStep.newBuilder()
        .setId("ops/book/" + name)
        .setTaskbook("ops/book")
        .setName(name)
        .setAction(action)
        .setParameters(struct(paramsJson))
        .addAllRequires(java.util.Arrays.stream(requires).map(r -> "ops/book/" + r).toList())
        .build();
  }

  public static NodePlan plan(String node, String hash, PlanStep... steps) {
    return NodePlan.newBuilder()
        .setNode(node)
        .setHash(hash)
        .setRevision("main@sha1:" + hash)
        .addAllSteps(java.util.List.of(steps))
        .build();
  }

  public static Struct struct(String json) {
    Struct.Builder b = Struct.newBuilder();
    try {
      JsonFormat.parser().merge(json.replace('\'', '"'), b);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(json, e);
    }
    return b.build();
  }
}
