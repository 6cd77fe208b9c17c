package dev.eden.agent.beacon;

import com.google.protobuf.Timestamp;
import dev.eden.common.Reason;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.PlanBeacon;
import java.time.Instant;
import java.util.UUID;

/** The event a beacon fires: about {@code Beacon <ns>/<name>}, with its own id. */
final class BeaconEvents {
  static final String KIND = "Beacon";
  private static final int MAX_MESSAGE = 1000;

  private BeaconEvents() {}

  static Event of(
      PlanBeacon beacon,
      Event.Type type,
      CheckResult result,
      String node,
      String revision,
      Instant at) {
    Timestamp time = ProtoTime.of(at);
    return Event.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setType(type)
        .setReason(reason(beacon, result))
        .setObject(object(beacon.getName()))
        .setNode(node)
        .setRevision(revision)
        .setMessage(bounded(result.message()))
        .putLabels("beacon", beacon.getName())
        .putLabels("result", result.label())
        .setFirstTime(time)
        .setLastTime(time)
        .setCount(1)
        .build();
  }

  /** {@code Beacon <namespace>/<name>}; a name without a namespace stays whole. */
  static ObjectRef object(String key) {
    int slash = key.indexOf('/');
    ObjectRef.Builder b = ObjectRef.newBuilder().setKind(KIND);
    return slash < 0
        ? b.setName(key).build()
        : b.setNamespace(key.substring(0, slash)).setName(key.substring(slash + 1)).build();
  }

  private static String reason(PlanBeacon beacon, CheckResult result) {
    if (!beacon.getEmitReason().isEmpty()) {
      return beacon.getEmitReason();
    }
    return (result.passed() ? Reason.BEACON_PASSED : Reason.BEACON_FAILED).text();
  }

  private static String bounded(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
