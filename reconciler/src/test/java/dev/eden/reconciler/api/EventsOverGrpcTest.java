package dev.eden.reconciler.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.WatchEventsRequest;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.events.EventRetention;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.FakeClock;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events through a real reconciler and in-process gRPC: node lifecycle, filters, watch resume. */
class EventsOverGrpcTest {

  private static final Duration HEARTBEAT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-25T12:00:00Z"));
  private GitRepoFixture repo;
  private InProcessReconciler r;

  @BeforeEach
  void createRepo() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("first", Map.of("nodes/web-1.txt", "echo 1"));
  }

  @AfterEach
  void stop() {
    if (r != null) {
      r.close();
    }
    repo.close();
  }

  private InProcessReconciler start(EventRetention retention) {
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL)
            .withHeartbeat(HEARTBEAT)
            .withEventRetention(retention);
    r = InProcessReconciler.start(config, new TextCompiler(), clock);
    r.awaitRevision();
    return r;
  }

  private List<Event> list(ListEventsRequest.Builder request) {
    return r.control().listEvents(request.build()).getEventsList();
  }

  @Test
  void aNodeJoinsIsLostAndRecoversAndTheEventsTellItInOrder() {
    start(EventRetention.defaults());
    r.agent()
        .register(
            RegisterRequest.newBuilder().setNode(NodeInfo.newBuilder().setName("web-1")).build());

    clock.advance(HEARTBEAT.multipliedBy(3).plusSeconds(1));
    assertThat(r.reconciler().presence().check()).containsExactly("web-1");
    assertThat(r.reconciler().presence().check()).isEmpty();
    r.agent().getPlan(GetPlanRequest.newBuilder().setNode("web-1").build());

    List<Event> aboutNode =
        list(ListEventsRequest.newBuilder().setObjectKind("node").setObjectName("web-1"));
    assertThat(aboutNode)
        .extracting(Event::getReason)
        .filteredOn(reason -> reason.startsWith("Node"))
        .containsExactly("NodeJoined", "NodeLost", "NodeRecovered");
    assertThat(aboutNode).allMatch(e -> e.getNode().equals("web-1") && e.getCount() == 1);
  }

  @Test
  void retentionIsAppliedWhenTheReconcilerStarts() {
    try (Store store = SqliteStore.open(tmp.resolve("data"))) {
      EventLog log = new EventLog(store, clock);
      for (int i = 0; i < 10; i++) {
        log.record(
            Event.newBuilder()
                .setType(Event.Type.NORMAL)
                .setReason("Old")
                .setObject(EventLog.object("Node", "a"))
                .setNode("a")
                .setMessage("old " + i)
                .build());
      }
    }
    clock.advance(Duration.ofDays(2));

    start(new EventRetention(Duration.ofDays(1), 100));

    assertThat(list(ListEventsRequest.newBuilder())).noneMatch(e -> e.getReason().equals("Old"));
  }

  @Test
  void listAndWatchFilterByObjectKindNamespaceAndName() throws InterruptedException {
    start(EventRetention.defaults());
    Watcher watcher =
        Watcher.open(
            r,
            WatchEventsRequest.newBuilder()
                .setObjectKind("TaskBook")
                .setObjectNamespace("prod")
                .setObjectName("web")
                .build());

    report(
        taskBookEvent("dev", "web", "a"),
        taskBookEvent("prod", "db", "b"),
        taskBookEvent("prod", "web", "c"));

    assertThat(watcher.next().getMessage()).isEqualTo("c");
    assertThat(
            list(
                ListEventsRequest.newBuilder()
                    .setObjectKind("taskbook")
                    .setObjectNamespace("prod")
                    .setObjectName("web")))
        .extracting(Event::getMessage)
        .containsExactly("c");
    assertThat(list(ListEventsRequest.newBuilder().setObjectKind("TaskBook").setObjectName("web")))
        .extracting(Event::getMessage)
        .containsExactly("a", "c");
    watcher.disconnect();
  }

  @Test
  void aWatcherThatReconnectsWithItsLastSeqGetsEveryEventOnceInOrder() throws Exception {
    start(EventRetention.defaults());
    List<Event> before = list(ListEventsRequest.newBuilder());
    long baseline = before.get(before.size() - 1).getSeq();
    List<String> emitted = new ArrayList<>();
    List<Event> seen = new ArrayList<>();

    Watcher first = Watcher.open(r, WatchEventsRequest.newBuilder().setAfterSeq(baseline).build());
    emitted.addAll(reportNumbered("live", 5));
    for (int i = 0; i < 5; i++) {
      seen.add(first.next());
    }
    first.disconnect();
    long lastSeq = seen.get(seen.size() - 1).getSeq();

    emitted.addAll(reportNumbered("while away", 20));
    AtomicReference<List<String>> duringReconnect = new AtomicReference<>();
    Thread writer = new Thread(() -> duringReconnect.set(reportNumbered("during reconnect", 50)));
    writer.start();
    Watcher second = Watcher.open(r, WatchEventsRequest.newBuilder().setAfterSeq(lastSeq).build());
    writer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(writer.isAlive()).isFalse();
    emitted.addAll(duringReconnect.get());
    emitted.addAll(reportNumbered("sentinel", 1));
    Event e;
    do {
      e = second.next();
      seen.add(e);
    } while (!e.getMessage().equals("sentinel 0"));
    second.disconnect();

    assertThat(seen).extracting(Event::getMessage).containsExactlyElementsOf(emitted);
    assertThat(seen).extracting(Event::getSeq).isSorted().doesNotHaveDuplicates();
    assertThat(seen)
        .extracting(Event::getSeq)
        .containsExactlyElementsOf(
            list(ListEventsRequest.newBuilder().setAfterSeq(baseline).setLimit(1000)).stream()
                .map(Event::getSeq)
                .toList());
  }

  private List<String> reportNumbered(String prefix, int n) {
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String message = prefix + " " + i;
      report(
          Event.newBuilder()
              .setType(Event.Type.NORMAL)
              .setReason("Tested")
              .setObject(ObjectRef.newBuilder().setKind("Node").setName("web-1"))
              .setNode("web-1")
              .setMessage(message)
              .build());
      messages.add(message);
    }
    return messages;
  }

  private void report(Event... events) {
    r.agent().reportEvents(ReportEventsRequest.newBuilder().addAllEvents(List.of(events)).build());
  }

  private static Event taskBookEvent(String namespace, String name, String message) {
    return Event.newBuilder()
        .setType(Event.Type.NORMAL)
        .setReason("StepChanged")
        .setObject(ObjectRef.newBuilder().setKind("TaskBook").setNamespace(namespace).setName(name))
        .setNode("web-1")
        .setMessage(message)
        .build();
  }

  /**
   * A WatchEvents client on the async stub, so that a test can hang up as a dropped client does.
   */
  private static final class Watcher implements ClientResponseObserver<WatchEventsRequest, Event> {

    private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<WatchEventsRequest> call;
    private volatile Throwable failure;

    static Watcher open(InProcessReconciler r, WatchEventsRequest request) {
      Watcher w = new Watcher();
      ControlServiceGrpc.newStub(r.channel()).watchEvents(request, w);
      return w;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchEventsRequest> requestStream) {
      this.call = requestStream;
    }

    @Override
    public void onNext(Event event) {
      received.add(event);
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
    }

    @Override
    public void onCompleted() {}

    Event next() throws InterruptedException {
      Event e = received.poll(10, TimeUnit.SECONDS);
      assertThat(e).as("an event within 10s (stream failure: %s)", failure).isNotNull();
      return e;
    }

    void disconnect() {
      call.cancel("the test hangs up", null);
    }
  }
}
