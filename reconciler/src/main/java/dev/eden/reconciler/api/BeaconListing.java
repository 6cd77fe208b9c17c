package dev.eden.reconciler.api;

import dev.eden.proto.BeaconInfo;
import dev.eden.proto.BeaconNodeInfo;
import dev.eden.proto.Event;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanBeacon;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.EventQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@code eden get beacons} shows: every Beacon in the served plans with the nodes that run it,
 * and for each node the result of its last event ({@code result} label). A Beacon emits only what
 * {@code emit.on} asks for, so a node with no event yet shows none.
 */
final class BeaconListing {

  static final String KIND_BEACON = "Beacon";

  private BeaconListing() {}

  static List<BeaconInfo> list(Map<String, NodePlan> plans, EventLog events) {
    Map<String, BeaconInfo.Builder> byName = new TreeMap<>();
    new TreeMap<>(plans)
        .forEach(
            (node, plan) -> {
              for (PlanBeacon b : plan.getBeaconsList()) {
                byName
                    .computeIfAbsent(b.getName(), n -> header(b))
                    .addNodes(node(b.getName(), node, events));
              }
            });
    List<BeaconInfo> out = new ArrayList<>();
    byName.values().forEach(b -> out.add(b.build()));
    return out;
  }

  private static BeaconInfo.Builder header(PlanBeacon b) {
    return BeaconInfo.newBuilder()
        .setName(b.getName())
        .setIntervalMs(b.getIntervalMs())
        .setAction(b.getAction())
        .setEmitReason(b.getEmitReason())
        .setEmitOn(b.getEmitOn());
  }

  private static BeaconNodeInfo node(String beacon, String node, EventLog events) {
    int slash = beacon.indexOf('/');
    EventQuery query =
        new EventQuery(
            node, KIND_BEACON, beacon.substring(0, slash), beacon.substring(slash + 1), 0, 1);
    Optional<Event> last = events.list(query).stream().findFirst();
    BeaconNodeInfo.Builder b = BeaconNodeInfo.newBuilder().setNode(node);
    last.ifPresent(
        e ->
            b.setResult(e.getLabelsOrDefault("result", ""))
                .setLastEvent(e.getLastTime())
                .setMessage(e.getMessage())
                .setCount(e.getCount()));
    return b.build();
  }
}
