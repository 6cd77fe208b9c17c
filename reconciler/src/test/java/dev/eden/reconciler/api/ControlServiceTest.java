package dev.eden.reconciler.api;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eden.common.WireText;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.FetchNowRequest;
import dev.eden.proto.FetchNowResponse;
import dev.eden.proto.GetNodePlanRequest;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.ListNodesRequest;
import dev.eden.proto.ListRevisionsRequest;
import dev.eden.proto.ListRunsRequest;
import dev.eden.proto.ListRunsResponse;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import dev.eden.proto.WatchEventsRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServiceTest {

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private InProcessReconciler r;

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("first", Map.of("nodes/web-1.txt", "echo 1", "nodes/db-1.txt", "echo db"));
    r = InProcessReconciler.start(repo.dir(), tmp.resolve("data"), new TextCompiler());
    r.awaitRevision();
  }

  @AfterEach
  void stop() {
    r.close();
    repo.close();
  }

  @Test
  void fetchNowReportsTheNewRevision() {
    String sha = repo.commit("second", Map.of("nodes/web-1.txt", "echo 2"));

    FetchNowResponse changed = r.control().fetchNow(FetchNowRequest.getDefaultInstance());
    FetchNowResponse same = r.control().fetchNow(FetchNowRequest.getDefaultInstance());

    assertThat(changed.getChanged()).isTrue();
    assertThat(changed.getRevision().getId()).isEqualTo("main@sha1:" + sha);
    assertThat(changed.getRevision().getMessage()).isEqualTo("second");
    assertThat(same.getChanged()).isFalse();
    assertThat(
            r.control().listRevisions(ListRevisionsRequest.getDefaultInstance()).getRevisionsList())
        .extracting(rev -> rev.getMessage() + ":" + rev.getCurrent())
        .containsExactly("second:true", "first:false");
  }

  @Test
  void nodesDeclaredOnlyByTheRevisionAreListedAsNotRegistered() {
    assertThat(r.control().listNodes(ListNodesRequest.getDefaultInstance()).getNodesList())
        .extracting(n -> n.getName() + ":" + n.getRegistered() + ":" + WireText.of(n.getState()))
        .containsExactly("db-1:false:Unknown", "web-1:false:Unknown");
  }

  @Test
  void getNodePlanAnswersOrSaysNotFound() {
    assertThat(
            r.control()
                .getNodePlan(GetNodePlanRequest.newBuilder().setNode("db-1").build())
                .getSteps(0)
                .getParameters()
                .getFieldsOrThrow("cmd")
                .getStringValue())
        .isEqualTo("echo db");
    assertThatThrownBy(
            () -> r.control().getNodePlan(GetNodePlanRequest.newBuilder().setNode("x").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void listRunsWithSteps() {
    r.agent()
        .register(
            RegisterRequest.newBuilder().setNode(NodeInfo.newBuilder().setName("web-1")).build());
    RunReport run =
        RunReport.newBuilder()
            .setRunId("run-1")
            .setNode("web-1")
            .setRunNumber(1)
            .addSteps(StepResult.newBuilder().setStepId("a").setStatus(StepResult.Status.FAILED))
            .addSteps(StepResult.newBuilder().setStepId("b").setStatus(StepResult.Status.SKIPPED))
            .build();
    r.agent().reportRun(ReportRunRequest.newBuilder().setReport(run).build());

    ListRunsResponse runs =
        r.control()
            .listRuns(ListRunsRequest.newBuilder().setNode("web-1").setIncludeSteps(true).build());

    assertThat(runs.getRuns(0).getFailed()).isEqualTo(1);
    assertThat(runs.getRuns(0).getSkipped()).isEqualTo(1);
    assertThat(runs.getReportsList()).containsExactly(run);
  }

  @Test
  void watchEventsReplaysFromAfterSeqThenStreamsLiveEvents() throws InterruptedException {
    // the revision is stored before its RevisionAccepted event is: wait for the event too
    await()
        .until(
            () ->
                r
                    .control()
                    .listEvents(ListEventsRequest.getDefaultInstance())
                    .getEventsList()
                    .stream()
                    .anyMatch(e -> e.getReason().equals("RevisionAccepted")));
    List<Event> stored =
        r.control().listEvents(ListEventsRequest.getDefaultInstance()).getEventsList();
    assertThat(stored).extracting(Event::getReason).contains("RevisionAccepted");
    long lastSeq = stored.get(stored.size() - 1).getSeq();
    long firstSeq = stored.get(0).getSeq();

    Iterator<Event> events =
        ControlServiceGrpc.newBlockingStub(r.channel())
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .watchEvents(WatchEventsRequest.newBuilder().setAfterSeq(firstSeq).build());
    for (Event replayed : stored.subList(1, stored.size())) {
      assertThat(events.next().getSeq()).isEqualTo(replayed.getSeq());
    }
    r.agent().reportEvents(ReportEventsRequest.newBuilder().addEvents(agentEvent("ev-1")).build());

    Event live = events.next();
    assertThat(live.getId()).isEqualTo("ev-1");
    assertThat(live.getSeq()).isGreaterThan(lastSeq);
    assertThat(live.getCount()).isEqualTo(1);

    r.agent().reportEvents(ReportEventsRequest.newBuilder().addEvents(agentEvent("ev-2")).build());
    Event folded = events.next();
    assertThat(folded.getId()).isEqualTo("ev-1");
    assertThat(folded.getCount()).isEqualTo(2);
  }

  @Test
  void watchEventsFiltersByNode() throws InterruptedException {
    CountDownLatch received = new CountDownLatch(1);
    AtomicReference<Event> seen = new AtomicReference<>();
    ControlServiceGrpc.newStub(r.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .watchEvents(
            WatchEventsRequest.newBuilder().setNode("web-9").build(),
            new StreamObserver<>() {
              @Override
              public void onNext(Event e) {
                seen.compareAndSet(null, e);
                received.countDown();
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    r.agent()
        .reportEvents(
            ReportEventsRequest.newBuilder()
                .addEvents(agentEvent("a").toBuilder().setNode("other").setMessage("x"))
                .addEvents(agentEvent("b").toBuilder().setNode("web-9").setMessage("y"))
                .build());

    assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen.get().getId()).isEqualTo("b");
  }

  @Test
  void nettyServerServesHealthAndReflection(@TempDir Path data) {
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", data)
            .withPoll(InProcessReconciler.NO_POLL);
    try (Reconciler netty =
        Reconciler.start(
            config,
            new TextCompiler(),
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
            Clock.systemUTC())) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", netty.grpcPort()).usePlaintext().build();
      try {
        HealthCheckResponse health =
            HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("eden.v1.AgentService").build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(reflectedServices(channel))
            .contains("eden.v1.AgentService", "eden.v1.ControlService", "grpc.health.v1.Health");
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static List<String> reflectedServices(ManagedChannel channel) {
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<ServerReflectionResponse> answer = new AtomicReference<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse value) {
                    answer.set(value);
                    done.countDown();
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.countDown();
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
    await().atMost(PATIENCE).until(() -> done.getCount() == 0);
    requests.onCompleted();
    return answer.get().getListServicesResponse().getServiceList().stream()
        .map(s -> s.getName())
        .toList();
  }

  private static Event agentEvent(String id) {
    return Event.newBuilder()
        .setId(id)
        .setType(Event.Type.WARNING)
        .setReason("BeaconFired")
        .setObject(ObjectRef.newBuilder().setKind("Beacon").setNamespace("ops").setName("motd"))
        .setNode("web-1")
        .setMessage("motd missing")
        .build();
  }
}
