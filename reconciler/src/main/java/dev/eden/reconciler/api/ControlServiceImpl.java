package dev.eden.reconciler.api;

import dev.eden.proto.ApproveTaskBookRequest;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Event;
import dev.eden.proto.FetchNowRequest;
import dev.eden.proto.FetchNowResponse;
import dev.eden.proto.GetDispatchRequest;
import dev.eden.proto.GetNodePlanRequest;
import dev.eden.proto.ListBeaconsRequest;
import dev.eden.proto.ListBeaconsResponse;
import dev.eden.proto.ListCronJobsRequest;
import dev.eden.proto.ListCronJobsResponse;
import dev.eden.proto.ListDispatchesRequest;
import dev.eden.proto.ListDispatchesResponse;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.ListEventsResponse;
import dev.eden.proto.ListNodesRequest;
import dev.eden.proto.ListNodesResponse;
import dev.eden.proto.ListRevisionsRequest;
import dev.eden.proto.ListRevisionsResponse;
import dev.eden.proto.ListRunsRequest;
import dev.eden.proto.ListRunsResponse;
import dev.eden.proto.ListTaskBooksRequest;
import dev.eden.proto.ListTaskBooksResponse;
import dev.eden.proto.ListTriggersRequest;
import dev.eden.proto.ListTriggersResponse;
import dev.eden.proto.NodePlan;
import dev.eden.proto.Origin;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunTaskBookRequest;
import dev.eden.proto.TaskBookInfo;
import dev.eden.proto.WatchEventsRequest;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.dispatch.Origins;
import dev.eden.reconciler.pipeline.NodeStatuses;
import dev.eden.reconciler.pipeline.SyncResult;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.trust.Authorizer;
import dev.eden.reconciler.trust.Identity;
import dev.eden.reconciler.trust.Role;
import dev.eden.schema.select.LabelSelector;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What people and the CLI call: list and watch what the reconciler knows; fetch now. */
final class ControlServiceImpl extends ControlServiceGrpc.ControlServiceImplBase {

  /** The newest dispatches {@code ListDispatches} returns when the request gives no limit. */
  static final int DEFAULT_DISPATCHES = 100;

  private final Backend backend;
  private final Authorizer authorizer;

  ControlServiceImpl(Backend backend, Authorizer authorizer) {
    this.backend = backend;
    this.authorizer = authorizer;
  }

  @Override
  public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> observer) {
    Replies.unary(
        "ListNodes",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          return ListNodesResponse.newBuilder().addAllNodes(backend.nodesWithPending()).build();
        });
  }

  @Override
  public void listRevisions(
      ListRevisionsRequest request, StreamObserver<ListRevisionsResponse> observer) {
    Replies.unary(
        "ListRevisions",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          return ListRevisionsResponse.newBuilder()
              .addAllRevisions(backend.store().listRevisions(request.getLimit()))
              .build();
        });
  }

  @Override
  public void listRuns(ListRunsRequest request, StreamObserver<ListRunsResponse> observer) {
    Replies.unary(
        "ListRuns",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          List<RunReport> runs = backend.store().listRuns(request.getNode(), request.getLimit());
          ListRunsResponse.Builder b = ListRunsResponse.newBuilder();
          runs.forEach(r -> b.addRuns(NodeStatuses.summary(r)));
          if (request.getIncludeSteps()) {
            b.addAllReports(runs);
          }
          return b.build();
        });
  }

  @Override
  public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> observer) {
    Replies.unary(
        "ListEvents",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          EventQuery query =
              new EventQuery(
                  request.getNode(),
                  request.getObjectKind(),
                  request.getObjectNamespace(),
                  request.getObjectName(),
                  request.getAfterSeq(),
                  request.getLimit());
          return ListEventsResponse.newBuilder().addAllEvents(backend.events().list(query)).build();
        });
  }

  @Override
  public void watchEvents(WatchEventsRequest request, StreamObserver<Event> observer) {
    try {
      authorizer.requireRole(Role.VIEWER);
      EventStream.start(
          new EventQuery(
              request.getNode(),
              request.getObjectKind(),
              request.getObjectNamespace(),
              request.getObjectName(),
              request.getAfterSeq(),
              0),
          (ServerCallStreamObserver<Event>) observer,
          backend.events());
    } catch (RuntimeException e) {
      observer.onError(Replies.toStatus("WatchEvents", e));
    }
  }

  @Override
  public void getNodePlan(GetNodePlanRequest request, StreamObserver<NodePlan> observer) {
    Replies.unary(
        "GetNodePlan",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          String node = Replies.required(request.getNode(), "node");
          return backend
              .plans()
              .plan(node)
              .map(PlanRedaction::forPeople)
              .orElseThrow(() -> RequestError.notFound("node " + node + " has no plan"));
        });
  }

  @Override
  public void runTaskBook(RunTaskBookRequest request, StreamObserver<DispatchStatus> observer) {
    Replies.unary(
        "RunTaskBook",
        observer,
        () -> {
          Identity caller = authorizer.requireRole(Role.OPERATOR);
          String taskBook = Replies.required(request.getTaskbook(), "taskbook");
          Optional<LabelSelector> selector = selector(request.getSelector());
          Origin origin = Origins.user(caller instanceof Identity.User u ? u.name() : "insecure");
          return backend
              .dispatches()
              .dispatch(new Dispatcher.Request(taskBook, selector, Set.of(), origin, Map.of()));
        });
  }

  private static Optional<LabelSelector> selector(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LabelSelector.parse(text));
    } catch (RuntimeException e) {
      throw RequestError.invalid("selector: " + e.getMessage());
    }
  }

  @Override
  public void getDispatch(GetDispatchRequest request, StreamObserver<DispatchStatus> observer) {
    Replies.unary(
        "GetDispatch",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          String id = Replies.required(request.getDispatchId(), "dispatch_id");
          return backend
              .dispatches()
              .get(id)
              .orElseThrow(() -> RequestError.notFound("no dispatch " + id));
        });
  }

  @Override
  public void fetchNow(FetchNowRequest request, StreamObserver<FetchNowResponse> observer) {
    Replies.unary(
        "FetchNow",
        observer,
        () -> {
          authorizer.requireRole(Role.OPERATOR);
          SyncResult result = backend.pipeline().sync();
          if (result instanceof SyncResult.FetchFailed failed) {
            throw RequestError.unavailable("fetch failed: " + failed.reason());
          }
          RevisionInfo revision = result.revisionOrNull();
          return FetchNowResponse.newBuilder()
              .setRevision(revision)
              .setChanged(!(result instanceof SyncResult.Unchanged))
              .build();
        });
  }

  @Override
  public void listTaskBooks(
      ListTaskBooksRequest request, StreamObserver<ListTaskBooksResponse> observer) {
    Replies.unary(
        "ListTaskBooks",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          return ListTaskBooksResponse.newBuilder()
              .addAllTaskbooks(backend.pipeline().approvals().list(backend.plans().all().values()))
              .build();
        });
  }

  @Override
  public void approveTaskBook(
      ApproveTaskBookRequest request, StreamObserver<TaskBookInfo> observer) {
    Replies.unary(
        "ApproveTaskBook",
        observer,
        () -> {
          Identity who = authorizer.requireRole(Role.OPERATOR);
          String taskBook = Replies.required(request.getTaskbook(), "taskbook");
          return backend.pipeline().approve(taskBook, request.getRevision(), approver(who));
        });
  }

  @Override
  public void listCronJobs(
      ListCronJobsRequest request, StreamObserver<ListCronJobsResponse> observer) {
    Replies.unary(
        "ListCronJobs",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          return ListCronJobsResponse.newBuilder()
              .addAllCronjobs(backend.listings().cronJobs())
              .build();
        });
  }

  @Override
  public void listTriggers(
      ListTriggersRequest request, StreamObserver<ListTriggersResponse> observer) {
    Replies.unary(
        "ListTriggers",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          return ListTriggersResponse.newBuilder()
              .addAllTriggers(backend.listings().triggerInfos())
              .build();
        });
  }

  @Override
  public void listBeacons(
      ListBeaconsRequest request, StreamObserver<ListBeaconsResponse> observer) {
    Replies.unary(
        "ListBeacons",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          return ListBeaconsResponse.newBuilder()
              .addAllBeacons(BeaconListing.list(backend.plans().all(), backend.events()))
              .build();
        });
  }

  @Override
  public void listDispatches(
      ListDispatchesRequest request, StreamObserver<ListDispatchesResponse> observer) {
    Replies.unary(
        "ListDispatches",
        observer,
        () -> {
          authorizer.requireRole(Role.VIEWER);
          List<DispatchStatus> all =
              backend
                  .store()
                  .listDispatches(Origins.parse(request.getOrigin()), request.getPendingOnly());
          int limit = request.getLimit() > 0 ? request.getLimit() : DEFAULT_DISPATCHES;
          return ListDispatchesResponse.newBuilder()
              .addAllDispatches(all.subList(Math.max(0, all.size() - limit), all.size()))
              .build();
        });
  }

  /** How an approval names who gave it: {@code user:NAME}. */
  private static String approver(Identity who) {
    return who instanceof Identity.User u ? "user:" + u.name() : "user:" + who.describe();
  }
}
