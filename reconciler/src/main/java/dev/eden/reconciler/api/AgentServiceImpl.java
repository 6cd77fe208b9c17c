package dev.eden.reconciler.api;

import dev.eden.common.Reason;
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
import dev.eden.proto.StepResult;
import dev.eden.proto.WatchPlanRequest;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.StoredNode;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.reconciler.trust.Identity;
import dev.eden.reconciler.trust.TrustException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** What agents call: register, pull and watch their plan, report runs and events. */
final class AgentServiceImpl extends AgentServiceGrpc.AgentServiceImplBase {

  /** How long a Register answer waits for the node's plan (agents' calls have 30 s deadlines). */
  private static final Duration REGISTER_WAIT = Duration.ofSeconds(10);

  private final Backend backend;
  private final ScheduledExecutorService scheduler;
  private final Authorizer authorizer;

  AgentServiceImpl(Backend backend, ScheduledExecutorService scheduler, Authorizer authorizer) {
    this.backend = backend;
    this.scheduler = scheduler;
    this.authorizer = authorizer;
  }

  /**
   * Stores the node and, when its labels or facts changed, queues it for a recompile; the answer
   * (with its plan hash) goes out once the pass that compiled it has been applied, from the
   * worker's thread, or after {@link #REGISTER_WAIT} with what is served then (the plan watch tells
   * the agent when its plan is ready). Nothing compiles on the gRPC thread.
   */
  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> observer) {
    CompletableFuture<Void> compiled;
    String name;
    try {
      name = Replies.required(request.getNode().getName(), "node.name");
      compiled = registered(name, request.getNode());
    } catch (RuntimeException e) {
      observer.onError(Replies.toStatus("Register", e));
      return;
    }
    compiled
        .completeOnTimeout(null, REGISTER_WAIT.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((done, e) -> Replies.unary("Register", observer, () -> answer(name)));
  }

  /** Stores the node; completed when its plan is compiled (at once when nothing changed). */
  private CompletableFuture<Void> registered(String name, NodeInfo node) {
    authorizer.requireNode(name);
    Optional<StoredNode> before = backend.store().node(name);
    backend.store().saveNode(node, backend.clock().instant());
    backend.presence().seen(name);
    boolean changed = before.isEmpty() || !sameDesiredInputs(before.get().info(), node);
    if (!changed) {
      return CompletableFuture.completedFuture(null);
    }
    backend
        .events()
        .emit(
            Event.Type.NORMAL,
            before.isEmpty() ? Reason.NODE_JOINED : Reason.NODE_UPDATED,
            EventLog.object(EventKinds.NODE, name),
            name,
            "",
            before.isEmpty() ? "node " + name + " registered" : "labels or facts changed");
    return backend.nodeChanges().changed(name);
  }

  private RegisterResponse answer(String name) {
    NodePlan plan = backend.plans().plan(name).orElse(NodePlan.getDefaultInstance());
    return RegisterResponse.newBuilder()
        .setPlanHash(plan.getHash())
        .setRevision(plan.getRevision())
        .setHeartbeatMs(backend.heartbeat().toMillis())
        .build();
  }

  private static boolean sameDesiredInputs(NodeInfo a, NodeInfo b) {
    return a.getLabelsMap().equals(b.getLabelsMap()) && a.getFacts().equals(b.getFacts());
  }

  @Override
  public void getPlan(GetPlanRequest request, StreamObserver<GetPlanResponse> observer) {
    Replies.unary(
        "GetPlan",
        observer,
        () -> {
          String node = Replies.required(request.getNode(), "node");
          authorizer.requireNode(node);
          backend.store().touchNode(node, backend.clock().instant());
          backend.presence().seen(node);
          NodePlan plan = servedPlan(node);
          if (plan.getHash().equals(request.getKnownHash())) {
            return GetPlanResponse.newBuilder().setNotModified(true).build();
          }
          return GetPlanResponse.newBuilder().setPlan(plan).build();
        });
  }

  private NodePlan servedPlan(String node) {
    Optional<NodePlan> plan = backend.plans().plan(node);
    if (plan.isPresent()) {
      return plan.get();
    }
    if (backend.store().node(node).isEmpty()) {
      throw RequestError.notFound("node " + node + " is not registered and has no plan");
    }
    throw RequestError.notReady("no revision has been accepted yet; node " + node + " has no plan");
  }

  @Override
  public void watchPlan(WatchPlanRequest request, StreamObserver<PlanUpdate> observer) {
    if (request.getNode().isBlank()) {
      observer.onError(Replies.toStatus("WatchPlan", RequestError.invalid("node is required")));
      return;
    }
    try {
      authorizer.requireNode(request.getNode());
    } catch (TrustException e) {
      observer.onError(Replies.toStatus("WatchPlan", e));
      return;
    }
    PlanWatch.start(
        request.getNode(),
        request.getKnownHash(),
        (ServerCallStreamObserver<PlanUpdate>) observer,
        backend.plans(),
        scheduler,
        backend.keepAlive());
  }

  @Override
  public void reportRun(ReportRunRequest request, StreamObserver<ReportRunResponse> observer) {
    Replies.unary(
        "ReportRun",
        observer,
        () -> {
          RunReport report = request.getReport();
          Replies.required(report.getRunId(), "report.run_id");
          Replies.required(report.getNode(), "report.node");
          authorizer.requireNode(report.getNode());
          boolean stored = backend.store().saveRun(report);
          backend.store().touchNode(report.getNode(), backend.clock().instant());
          backend.presence().seen(report.getNode());
          // also for a repeat: the first attempt may have stored the run and died before this
          backend.dispatches().reported(report);
          if (stored) {
            for (StepResult step : report.getStepsList()) {
              backend.metrics().stepResult(step.getStatus().name().toLowerCase(Locale.ROOT));
            }
          }
          return ReportRunResponse.newBuilder().setDuplicate(!stored).build();
        });
  }

  @Override
  public void reportEvents(
      ReportEventsRequest request, StreamObserver<ReportEventsResponse> observer) {
    Replies.unary(
        "ReportEvents",
        observer,
        () -> {
          Identity caller = authorizer.current();
          for (Event event : request.getEventsList()) {
            Replies.required(event.getReason(), "event.reason");
            Event.Builder b = event.toBuilder().clearSeq();
            if (b.getNode().isEmpty() && caller instanceof Identity.Node n) {
              b.setNode(n.name());
            }
            authorizer.requireNode(b.getNode());
            backend.events().record(b.build());
          }
          return ReportEventsResponse.newBuilder().setStored(request.getEventsCount()).build();
        });
  }
}
