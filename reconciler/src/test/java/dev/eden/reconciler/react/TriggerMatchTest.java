package dev.eden.reconciler.react;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;
import dev.eden.reconciler.coord.NodeLabels;
import dev.eden.schema.model.Spec;
import dev.eden.schema.select.LabelSelector;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which events a Trigger in namespace {@code ops} matches, one named row per rule. */
class TriggerMatchTest {

  private static final NodeLabels LABELS =
      node ->
          Optional.ofNullable(
              Map.of(
                      "web-1", Map.of("tier", "web", "env", "prod"),
                      "db-1", Map.of("tier", "db"))
                  .get(node));

  /** MotdMissing from web-1 about Beacon ops/motd, labelled check=motd, severity=warning. */
  private static Event.Builder event() {
    return Event.newBuilder()
        .setReason("MotdMissing")
        .setNode("web-1")
        .setObject(ObjectRef.newBuilder().setKind("Beacon").setNamespace("ops").setName("motd"))
        .putLabels("check", "motd")
        .putLabels("severity", "warning");
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        row("an empty match takes every event", match(), event(), true),
        row("reason equal", match().reason("MotdMissing"), event(), true),
        row("reason different", match().reason("DiskFull"), event(), false),
        row("object kind equal", match().kind("Beacon"), event(), true),
        row("object kind different", match().kind("TaskBook"), event(), false),
        row("object name equal", match().name("motd"), event(), true),
        row("object name different", match().name("disk"), event(), false),
        row(
            "node selector on the emitter's labels",
            match().selector("tier=web,env=prod"),
            event(),
            true),
        row("node selector not matching", match().selector("tier=db"), event(), false),
        row(
            "node selector, unknown node",
            match().selector("tier=web"),
            event().setNode("ghost"),
            false),
        row(
            "node selector, event about no node",
            match().selector("!tier"),
            event().setNode(""),
            false),
        row("every given label equal", match().label("check", "motd"), event(), true),
        row("a label with another value", match().label("severity", "critical"), event(), false),
        row("a label the event lacks", match().label("team", "web"), event(), false),
        row(
            "an object in another namespace",
            match(),
            event().setObject(ref("Beacon", "dev", "motd")),
            false),
        row("a cluster-wide object", match(), event().setObject(ref("Node", "", "web-1")), true),
        row(
            "everything at once",
            match()
                .reason("MotdMissing")
                .kind("Beacon")
                .name("motd")
                .selector("tier=web")
                .label("check", "motd"),
            event(),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void matches(String name, MatchRow match, Event.Builder event, boolean expected) {
    TriggerDefinition trigger =
        new TriggerDefinition(
            "ops",
            "t",
            new Spec.TriggerSpec(
                new Spec.EventMatch(
                    match.reason(), match.kind(), match.name(), match.selector(), match.labels()),
                1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                new Spec.TriggerRun("fix", Optional.empty())));
    assertThat(trigger.matches(event.build(), LABELS)).isEqualTo(expected);
  }

  private static Arguments row(String name, MatchRow match, Event.Builder event, boolean expected) {
    return Arguments.of(name, match, event, expected);
  }

  private static ObjectRef ref(String kind, String namespace, String name) {
    return ObjectRef.newBuilder().setKind(kind).setNamespace(namespace).setName(name).build();
  }

  private static MatchRow match() {
    return new MatchRow(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
  }

  /** {@code match:} built a part at a time. */
  record MatchRow(
      Optional<String> reason,
      Optional<String> kind,
      Optional<String> name,
      Optional<LabelSelector> selector,
      Map<String, String> labels) {

    MatchRow reason(String r) {
      return new MatchRow(Optional.of(r), kind, name, selector, labels);
    }

    MatchRow kind(String k) {
      return new MatchRow(reason, Optional.of(k), name, selector, labels);
    }

    MatchRow name(String n) {
      return new MatchRow(reason, kind, Optional.of(n), selector, labels);
    }

    MatchRow selector(String s) {
      return new MatchRow(reason, kind, name, Optional.of(LabelSelector.parse(s)), labels);
    }

    MatchRow label(String key, String value) {
      return new MatchRow(reason, kind, name, selector, Map.of(key, value));
    }
  }
}
