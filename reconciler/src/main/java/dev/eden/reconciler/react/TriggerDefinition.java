package dev.eden.reconciler.react;

import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.Origin;
import dev.eden.reconciler.coord.NodeLabels;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec;
import dev.eden.schema.select.LabelSelector;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Trigger object of the accepted revision: which events it matches and what it runs.
 *
 * <p>It matches an event when every part of {@code match} that is given holds:
 *
 * <ul>
 *   <li>the event's object is in the Trigger's namespace, or in none (cluster-wide events and
 *       events about nodes or revisions);
 *   <li>{@code reason}, {@code kind} and {@code name} equal the event's reason and object;
 *   <li>{@code selector} matches the labels the emitting node registered with; an event about no
 *       node, or from a node the reconciler does not know, does not match a selector;
 *   <li>every one of {@code labels} is among the event's labels with the same value.
 * </ul>
 */
public record TriggerDefinition(String namespace, String name, Spec.TriggerSpec spec) {

  /** The Triggers of a revision's objects. */
  public static Optional<TriggerDefinition> of(Manifest object) {
    if (object.kind() != Kind.TRIGGER) {
      return Optional.empty();
    }
    return Optional.of(
        new TriggerDefinition(
            object.metadata().namespace().orElse(""),
            object.metadata().name(),
            object.spec(Spec.TriggerSpec.class)));
  }

  /** {@code namespace/name}. */
  public String key() {
    return namespace + "/" + name;
  }

  /** Who asks the Dispatcher: {@code Trigger/namespace/name}. */
  public Origin origin() {
    return Origins.trigger(namespace, name);
  }

  /**
   * The TaskBook to run, {@code namespace/name}: in the Trigger's namespace unless it names one.
   */
  public String taskBook() {
    String t = spec.run().taskBook();
    return t.contains("/") ? t : namespace + "/" + t;
  }

  /** The object the Trigger's own events are about. */
  public ObjectRef object() {
    return ObjectRef.newBuilder()
        .setKind(EventKinds.TRIGGER)
        .setNamespace(namespace)
        .setName(name)
        .build();
  }

  public boolean matches(Event event, NodeLabels labels) {
    Spec.EventMatch m = spec.match();
    String ns = event.getObject().getNamespace();
    return (ns.isEmpty() || ns.equals(namespace))
        && m.reason().map(event.getReason()::equals).orElse(true)
        && m.kind().map(event.getObject().getKind()::equals).orElse(true)
        && m.name().map(event.getObject().getName()::equals).orElse(true)
        && m.labels().entrySet().stream()
            .allMatch(l -> l.getValue().equals(event.getLabelsMap().get(l.getKey())))
        && m.selector().map(s -> nodeMatches(s, event.getNode(), labels)).orElse(true);
  }

  private static boolean nodeMatches(LabelSelector selector, String node, NodeLabels labels) {
    return !node.isEmpty() && labels.of(node).map(selector::matches).orElse(false);
  }

  /**
   * The spec in a stable text (same across JVMs, unlike the records' own {@code toString}), so a
   * remembered reaction is only reused for the spec that made it.
   */
  public String fingerprint() {
    Spec.EventMatch m = spec.match();
    return String.join(
        ";",
        "reason=" + m.reason().orElse(""),
        "kind=" + m.kind().orElse(""),
        "name=" + m.name().orElse(""),
        "selector=" + m.selector().map(LabelSelector::toString).orElse(""),
        "labels=" + new TreeMap<>(m.labels()),
        "min=" + spec.minOccurrences(),
        "window=" + spec.window().map(Duration::toString).orElse(""),
        "reReactDelay=" + spec.reReactDelay().map(Duration::toString).orElse(""),
        "waitForMore="
            + spec.waitForMore().map(w -> w.timeout() + "/" + w.resetTimeoutOnMore()).orElse(""),
        "run=" + taskBook() + " on " + spec.run().selector().map(Object::toString).orElse(""));
  }

  /** For messages: the nodes of a reaction, or the selector it runs on. */
  String where(Set<String> nodes) {
    if (!spec.run().onEmitters()) {
      return "nodes matching " + spec.run().selector().orElseThrow();
    }
    return String.join(", ", new TreeSet<>(nodes));
  }
}
