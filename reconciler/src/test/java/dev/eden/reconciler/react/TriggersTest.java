package dev.eden.reconciler.react;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.ObjectRef;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.coord.NodeLabels;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.testkit.RecordingDispatcher;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triggers wired to a real EventLog on a real SQLite store, Trigger objects loaded from YAML, a
 * recording Dispatcher, and time moved by hand.
 */
class TriggersTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TASKBOOK =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: motd, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, content: "hello"}
      """;

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(T0);
  private final AtomicReference<Revision> accepted = new AtomicReference<>();
  private final RecordingDispatcher dispatcher = new RecordingDispatcher();
  private Store store;
  private EventLog events;
  private Triggers triggers;
  private int revisions;

  @BeforeEach
  void start() {
    store = SqliteStore.open(dir);
    node("web-1", "web");
    node("web-2", "web");
    node("db-1", "db");
    events = new EventLog(store, clock);
    triggers = startTriggers();
  }

  @AfterEach
  void stop() {
    triggers.close();
    store.close();
  }

  @Test
  void reactsOnTheEmittersOnceEnoughEventsMatchAndHandsTheEventsToTheTaskBook() {
    accept(
        trigger(
            "restore-motd",
            "{reason: MotdMissing, selector: \"tier=web\"}",
            "minOccurrences: 2\n  window: 1m"));

    motdMissing("web-1");
    clock.advance(Duration.ofSeconds(5));
    motdMissing("db-1");
    clock.advance(Duration.ofSeconds(5));
    motdMissing("web-1");

    Dispatcher.Request request = dispatcher.next(WAIT);
    assertThat(request.taskBook()).isEqualTo("ops/motd");
    assertThat(request.nodes()).containsExactly("web-1");
    assertThat(request.selector()).isEmpty();
    assertThat(Origins.text(request.origin())).isEqualTo("Trigger/ops/restore-motd");
    assertThat(request.event())
        .containsEntry("reason", "MotdMissing")
        .containsEntry("node", "web-1")
        .containsEntry("message", "motd missing")
        .containsEntry("count", 2)
        .containsEntry("firstTime", "2026-01-01T00:00:00Z")
        .containsEntry("lastTime", "2026-01-01T00:00:10Z")
        .containsEntry("labels", Map.of("check", "motd"))
        .containsEntry("object", Map.of("kind", "Beacon", "namespace", "ops", "name", "motd"));
    List<Object> counts =
        ((List<?>) request.event().get("events"))
            .stream().map(e -> (Object) ((Map<?, ?>) e).get("count")).toList();
    assertThat(counts).containsExactly(1, 2);
    triggers.awaitQuiet(WAIT);
    assertThat(triggerEvents())
        .containsExactly(
            "Normal TriggerWaiting ops/restore-motd: 1 of 2 occurrences within 1m",
            "Normal TriggerReacted ops/restore-motd: ran TaskBook ops/motd on web-1"
                + " after 2 occurrences: dispatch d-1");
  }

  @Test
  void aDebounceReactsWhenTheClockPassesItsDeadline() {
    accept(trigger("restore-motd", "{reason: MotdMissing}", "waitForMore: {timeout: 2s}"));

    motdMissing("web-1");
    clock.advance(Duration.ofMillis(1500));
    motdMissing("web-2");
    triggers.awaitQuiet(WAIT);
    clock.advance(Duration.ofMillis(499));
    triggers.tick();
    triggers.awaitQuiet(WAIT);
    assertThat(dispatcher.all()).isEmpty();

    clock.advance(Duration.ofMillis(1));
    triggers.tick();
    assertThat(dispatcher.next(WAIT).nodes()).containsExactlyInAnyOrder("web-1", "web-2");
  }

  @Test
  void theLoopWakesItselfAtADebounceDeadline() {
    triggers.close();
    triggers =
        Triggers.start(
            events,
            () -> Optional.ofNullable(accepted.get()),
            labels(),
            dispatcher,
            store,
            java.time.Clock.systemUTC());
    accept(trigger("restore-motd", "{reason: MotdMissing}", "waitForMore: {timeout: 100ms}"));

    motdMissing("web-1");

    assertThat(dispatcher.next(WAIT).nodes()).containsExactly("web-1");
  }

  @Test
  void eventsTheTriggersEmitNeverFeedATrigger() {
    accept(
        trigger("counter", "{reason: MotdMissing}", "minOccurrences: 3")
            + trigger("everything", "{}", "minOccurrences: 1")
            + trigger("about-triggers", "{kind: Trigger}", "minOccurrences: 1"));

    motdMissing("web-1");
    triggers.awaitQuiet(WAIT);
    motdMissing("web-1");
    triggers.awaitQuiet(WAIT);

    assertThat(dispatcher.all())
        .extracting(r -> Origins.text(r.origin()))
        .containsExactly("Trigger/ops/everything", "Trigger/ops/everything");
    assertThat(triggerEvents())
        .containsExactly(
            "Normal TriggerWaiting ops/counter: 1 of 3 occurrences since the last reaction",
            "Normal TriggerReacted ops/everything: ran TaskBook ops/motd on web-1"
                + " after 1 occurrence: dispatch d-1",
            "Normal TriggerWaiting ops/counter: 2 of 3 occurrences since the last reaction",
            "Normal TriggerReacted ops/everything: ran TaskBook ops/motd on web-1"
                + " after 1 occurrence: dispatch d-2");
  }

  @Test
  void reReactDelaySuppressesAndIsRememberedAcrossARestart() {
    accept(trigger("restore-motd", "{reason: MotdMissing}", "reReactDelay: 30s"));
    motdMissing("web-1");
    dispatcher.next(WAIT);
    clock.advance(Duration.ofSeconds(10));
    motdMissing("web-1");
    triggers.awaitQuiet(WAIT);

    triggers.close();
    triggers = startTriggers();
    clock.advance(Duration.ofSeconds(19));
    motdMissing("web-2");
    triggers.awaitQuiet(WAIT);
    assertThat(dispatcher.all()).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    motdMissing("web-2");
    assertThat(dispatcher.next(WAIT).nodes()).containsExactly("web-2");
    assertThat(triggerEvents())
        .filteredOn(e -> e.contains("TriggerSuppressed"))
        .containsExactly(
            "Normal TriggerSuppressed ops/restore-motd: reReactDelay 30s:"
                + " last reaction at 2026-01-01T00:00:00Z");
    assertThat(eventCount("TriggerSuppressed")).isEqualTo(2);
  }

  @Test
  void anUnchangedTriggerKeepsItsCountAcrossRevisionsAndAChangedOneStartsAfresh() {
    String match = "{reason: MotdMissing}";
    accept(trigger("restore-motd", match, "minOccurrences: 2"));
    motdMissing("web-1");
    accept(trigger("restore-motd", match, "minOccurrences: 2"));
    motdMissing("web-2");
    assertThat(dispatcher.next(WAIT).nodes()).containsExactlyInAnyOrder("web-1", "web-2");

    motdMissing("web-1");
    accept(trigger("restore-motd", match, "minOccurrences: 2\n  window: 5m"));
    motdMissing("web-2");
    triggers.awaitQuiet(WAIT);
    assertThat(dispatcher.all()).hasSize(1);
  }

  @Test
  void aDispatchThatCannotStartIsATriggerFailedWarning() {
    dispatcher.failWith("TaskBook ops/motd is suspended");
    accept(trigger("restore-motd", "{reason: MotdMissing}", "minOccurrences: 1"));

    motdMissing("web-1");
    dispatcher.next(WAIT);
    triggers.awaitQuiet(WAIT);

    assertThat(triggerEvents())
        .containsExactly(
            "Warning TriggerFailed ops/restore-motd: TaskBook ops/motd not run:"
                + " TaskBook ops/motd is suspended");
  }

  @Test
  void aTriggerOnASelectorLetsTheDispatcherChooseTheNodes() {
    accept(trigger("restore-all", "{reason: MotdMissing}", "minOccurrences: 1", "tier=web"));

    motdMissing("db-1");

    Dispatcher.Request request = dispatcher.next(WAIT);
    assertThat(request.nodes()).isEmpty();
    assertThat(request.selector()).map(Object::toString).contains("tier=web");
  }

  @Test
  void eventsAboutNoNodeCannotRunOnEmitters() {
    accept(trigger("on-revision", "{reason: RevisionAccepted}", "minOccurrences: 1"));

    events.emit(
        Event.Type.NORMAL,
        Reason.REVISION_ACCEPTED,
        EventLog.object("Revision", "main@sha1:abc"),
        "",
        "main@sha1:abc",
        "revision accepted");
    triggers.awaitQuiet(WAIT);

    assertThat(dispatcher.all()).isEmpty();
    assertThat(triggerEvents())
        .containsExactly(
            "Warning TriggerFailed ops/on-revision: TaskBook ops/motd not run: the matching events"
                + " name no node to run on (run.on: emitters); give run.on a selector instead");
  }

  @Test
  void eventsBeforeTheFirstRevisionAreOfferedOnceItIsKnown() {
    motdMissing("web-1");
    clock.advance(Duration.ofSeconds(3));
    triggers.awaitQuiet(WAIT);
    assertThat(dispatcher.all()).isEmpty();

    accept(trigger("restore-motd", "{reason: MotdMissing}", "minOccurrences: 1"));
    triggers.tick();

    Dispatcher.Request request = dispatcher.next(WAIT);
    assertThat(request.event()).containsEntry("firstTime", "2026-01-01T00:00:00Z");
  }

  @Test
  void aResentEventCountsOnceAndAFoldedRepeatCountsAgain() {
    accept(trigger("restore-motd", "{reason: MotdMissing}", "minOccurrences: 2"));
    Event first = motdMissing("web-1");

    events.record(first);
    triggers.awaitQuiet(WAIT);
    assertThat(dispatcher.all()).isEmpty();

    motdMissing("web-1");
    assertThat(dispatcher.next(WAIT).event()).containsEntry("count", 2);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Triggers startTriggers() {
    return Triggers.start(
        events, () -> Optional.ofNullable(accepted.get()), labels(), dispatcher, store, clock);
  }

  private NodeLabels labels() {
    return n -> store.node(n).map(s -> Map.copyOf(s.info().getLabelsMap()));
  }

  private void node(String name, String tier) {
    store.saveNode(NodeInfo.newBuilder().setName(name).putLabels("tier", tier).build(), T0);
  }

  private Event motdMissing(String node) {
    return events.record(
        Event.newBuilder()
            .setType(Event.Type.WARNING)
            .setReason("MotdMissing")
            .setObject(ObjectRef.newBuilder().setKind("Beacon").setNamespace("ops").setName("motd"))
            .setNode(node)
            .setMessage("motd missing")
            .putLabels("check", "motd")
            .setFirstTime(EventLog.timestamp(clock.instant()))
            .build());
  }

  private static String trigger(String name, String match, String conditions) {
    return trigger(name, match, conditions, "emitters");
  }

  private static String trigger(String name, String match, String conditions, String on) {
    return """
        ---
        apiVersion: v1alpha
        kind: Trigger
        metadata: {name: %s, namespace: ops}
        spec:
          match: %s
          %s
          run: {taskBook: motd, on: "%s"}
        """
        .formatted(name, match, conditions, on);
  }

  /**
   * Makes a new accepted revision (a new object, as every compile makes) and lets Triggers see it.
   */
  private void accept(String triggerDocuments) {
    triggers.awaitQuiet(WAIT); // events handed over so far count under the revision before
    String yaml = TASKBOOK + triggerDocuments;
    SourceTree tree = SourceTree.ofFiles(Map.of("ops.yaml", yaml.getBytes(UTF_8)));
    LoadResult loaded = ManifestLoader.load(tree);
    assertThat(loaded.errors()).isEmpty();
    accepted.set(new Revision("main@sha1:" + ++revisions, loaded.objects(), tree));
    triggers.tick();
  }

  private List<String> triggerEvents() {
    return events.list(new EventQuery("", "Trigger", "", 0, 0)).stream()
        .sorted(java.util.Comparator.comparingLong(Event::getSeq))
        .map(
            e ->
                (e.getType() == Event.Type.NORMAL ? "Normal" : "Warning")
                    + " "
                    + e.getReason()
                    + " "
                    + e.getObject().getNamespace()
                    + "/"
                    + e.getObject().getName()
                    + ": "
                    + e.getMessage())
        .toList();
  }

  private int eventCount(String reason) {
    return events.list(new EventQuery("", "Trigger", "", 0, 0)).stream()
        .filter(e -> e.getReason().equals(reason))
        .mapToInt(Event::getCount)
        .sum();
  }
}
