package dev.eden.reconciler.api;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.Identity;

/** Refused calls as Warning events: reason {@code PermissionDenied}, naming who tried what. */
final class DeniedEvents {

  static final Reason REASON = Reason.PERMISSION_DENIED;

  private DeniedEvents() {}

  static AuditSink to(EventLog events) {
    return (identity, action, target) -> {
      String node = identity instanceof Identity.Node n ? n.name() : "";
      String kind = identity instanceof Identity.Node ? "Node" : "User";
      String name =
          identity instanceof Identity.Node n
              ? n.name()
              : identity instanceof Identity.User u ? u.name() : identity.describe();
      events.emit(
          Event.Type.WARNING,
          REASON,
          EventLog.object(kind, name),
          node,
          "",
          identity.describe() + " tried " + action + " on " + target);
    };
  }
}
