package dev.eden.agent;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.GetPlanResponse;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanUpdate;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RegisterResponse;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.ReportEventsResponse;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.ReportRunResponse;
import dev.eden.proto.RunReport;
import dev.eden.proto.WatchPlanRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reconciler as far as agents can tell: serves the plan it is given, keeps what it receives. */
final class FakeAgentService extends AgentServiceGrpc.AgentServiceImplBase {
  final List<NodeInfo> registrations = new CopyOnWriteArrayList<>();
  final Map<String, RunReport> runs = new ConcurrentHashMap<>();
  final Map<String, Event> events = new ConcurrentHashMap<>();
  private final List<StreamObserver<PlanUpdate>> watchers = new CopyOnWriteArrayList<>();
  private volatile NodePlan plan;

  FakeAgentService(NodePlan plan) {
    this.plan = plan;
  }

  Server start(String name) throws IOException {
    return InProcessServerBuilder.forName(name).addService(this).build().start();
  }

  void publish(NodePlan next) {
    plan = next;
    PlanUpdate u =
        PlanUpdate.newBuilder().setHash(next.getHash()).setRevision(next.getRevision()).build();
    for (StreamObserver<PlanUpdate> w : watchers) {
      synchronized (w) {
        w.onNext(u);
      }
    }
  }

  List<RunReport> runsByNumber() {
    return runs.values().stream()
        .sorted(java.util.Comparator.comparingLong(RunReport::getRunNumber))
        .toList();
  }

  @Override
  public void register(RegisterRequest req, StreamObserver<RegisterResponse> out) {
    registrations.add(req.getNode());
    NodePlan p = plan;
    out.onNext(
        RegisterResponse.newBuilder()
            .setPlanHash(p == null ? "" : p.getHash())
            .setRevision(p == null ? "" : p.getRevision())
            .build());
    out.onCompleted();
  }

  @Override
  public void getPlan(GetPlanRequest req, StreamObserver<GetPlanResponse> out) {
    NodePlan p = plan;
    if (p == null) {
      out.onError(Status.FAILED_PRECONDITION.withDescription("no plan yet").asRuntimeException());
      return;
    }
    out.onNext(
        p.getHash().equals(req.getKnownHash())
            ? GetPlanResponse.newBuilder().setNotModified(true).build()
            : GetPlanResponse.newBuilder().setPlan(p).build());
    out.onCompleted();
  }

  @Override
  public void watchPlan(WatchPlanRequest req, StreamObserver<PlanUpdate> out) {
    ((ServerCallStreamObserver<PlanUpdate>) out).setOnCancelHandler(() -> watchers.remove(out));
    watchers.add(out);
    NodePlan p = plan;
    if (p != null && !p.getHash().equals(req.getKnownHash())) {
      synchronized (out) {
        out.onNext(PlanUpdate.newBuilder().setHash(p.getHash()).build());
      }
    }
  }

  @Override
  public void reportRun(ReportRunRequest req, StreamObserver<ReportRunResponse> out) {
    boolean dup = runs.putIfAbsent(req.getReport().getRunId(), req.getReport()) != null;
    out.onNext(ReportRunResponse.newBuilder().setDuplicate(dup).build());
    out.onCompleted();
  }

  @Override
  public void reportEvents(ReportEventsRequest req, StreamObserver<ReportEventsResponse> out) {
    req.getEventsList().forEach(e -> events.put(e.getId(), e));
    out.onNext(ReportEventsResponse.newBuilder().setStored(req.getEventsCount()).build());
    out.onCompleted();
  }
}
