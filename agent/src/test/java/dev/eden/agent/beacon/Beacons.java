package dev.eden.agent.beacon;

import dev.eden.agent.exec.Plans;
import dev.eden.common.WireText;
import dev.eden.proto.EmitOn;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanBeacon;
import java.util.List;

/** Beacons and plans for tests, written compactly. */
final class Beacons {
  private Beacons() {}

  static PlanBeacon beacon(String name, long intervalMs, String action, String paramsJson) {
    return beacon(name, intervalMs, action, paramsJson, "failure");
  }

  static PlanBeacon beacon(
      String name, long intervalMs, String action, String paramsJson, String emitOn) {
    return PlanBeacon.newBuilder()
        .setName(name)
        .setIntervalMs(intervalMs)
        .setAction(action)
        .setParameters(Plans.struct(paramsJson))
        .setEmitReason("CheckFailed")
        .setEmitOn(WireText.parse(EmitOn.class, emitOn).orElseThrow())
        .build();
  }

  static NodePlan plan(String hash, PlanBeacon... beacons) {
    return Plans.plan("web-1", hash).toBuilder().addAllBeacons(List.of(beacons)).build();
  }
}
