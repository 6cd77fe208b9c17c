package dev.eden.reconciler.http;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Turns an Alertmanager notification into events: {@code WebhookReceived} for the request, then one
 * event per alert, reason = its {@code alertname} as given, Warning while firing and Normal once
 * resolved, labels = its labels plus {@code status}, about the object {@code Alert/<alertname>} and
 * the node its {@code node} or {@code instance} label names, when that is a registered node.
 */
final class AlertmanagerHook {

  private final EventLog events;
  private final Predicate<String> registeredNode;

  AlertmanagerHook(EventLog events, Predicate<String> registeredNode) {
    this.events = events;
    this.registeredNode = registeredNode;
  }

  /** Stores the events of {@code payload}; returns them as stored, the request's first. */
  List<Event> accept(AlertmanagerPayload payload) {
    List<Event> stored = new ArrayList<>();
    stored.add(events.record(received(payload)));
    for (AlertmanagerPayload.Alert alert : payload.alerts()) {
      stored.add(events.record(event(alert)));
    }
    return stored;
  }

  private static Event received(AlertmanagerPayload p) {
    long firing = p.alerts().stream().filter(AlertmanagerPayload.Alert::firing).count();
    Event.Builder b =
        Event.newBuilder()
            .setType(Event.Type.NORMAL)
            .setReason(Reason.WEBHOOK_RECEIVED.text())
            .setObject(EventLog.object(EventKinds.WEBHOOK, "alertmanager"))
            .setMessage(
                "alertmanager: "
                    + p.alerts().size()
                    + (p.alerts().size() == 1 ? " alert" : " alerts")
                    + " ("
                    + firing
                    + " firing, "
                    + (p.alerts().size() - firing)
                    + " resolved)"
                    + (p.receiver().isEmpty() ? "" : " for receiver " + p.receiver()))
            .setCount(1);
    if (!p.receiver().isEmpty()) {
      b.putLabels("receiver", p.receiver());
    }
    return b.build();
  }

  private Event event(AlertmanagerPayload.Alert alert) {
    return Event.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setType(alert.firing() ? Event.Type.WARNING : Event.Type.NORMAL)
        .setReason(alert.name())
        .setObject(EventLog.object(EventKinds.ALERT, alert.name()))
        .setNode(node(alert.labels()).orElse(""))
        .setMessage(message(alert))
        .putAllLabels(alert.labels())
        .putLabels("status", alert.status())
        .setCount(1)
        .build();
  }

  /** {@code summary}, then {@code description} on the next line; the name and status without. */
  static String message(AlertmanagerPayload.Alert alert) {
    String summary = alert.annotations().getOrDefault("summary", "").strip();
    String description = alert.annotations().getOrDefault("description", "").strip();
    if (summary.isEmpty() && description.isEmpty()) {
      return alert.name() + " " + alert.status();
    }
    if (summary.isEmpty() || description.isEmpty() || summary.equals(description)) {
      return summary.isEmpty() ? description : summary;
    }
    return summary + "\n" + description;
  }

  /**
   * The registered node an alert is about: its {@code node} label, else the host of its {@code
   * instance} label ({@code web-1:9100}, {@code http://web-1.example.com:9100/metrics}), or that
   * host's first DNS label.
   */
  Optional<String> node(Map<String, String> labels) {
    String host = host(labels.getOrDefault("instance", ""));
    int dot = host.indexOf('.');
    String shortHost = dot > 0 && !Character.isDigit(host.charAt(0)) ? host.substring(0, dot) : "";
    return Stream.of(labels.getOrDefault("node", ""), host, shortHost)
        .filter(name -> !name.isEmpty() && registeredNode.test(name))
        .findFirst();
  }

  /** The host of {@code [scheme://]host[:port][/path]}; IPv6 hosts in brackets lose them. */
  static String host(String instance) {
    String s = instance.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      return close < 0 ? s : s.substring(1, close);
    }
    int colon = s.indexOf(':');
    if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
      s = s.substring(0, colon);
    }
    return s;
  }
}
