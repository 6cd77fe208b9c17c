package dev.eden.reconciler.dispatch;

import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import dev.eden.common.Reason;
import dev.eden.common.proto.Values;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.Origin;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.compile.TaskBookCompilation;
import dev.eden.reconciler.compile.TaskBookCompiler;
import dev.eden.reconciler.coord.CoordinationStore;
import dev.eden.reconciler.coord.Memberships;
import dev.eden.reconciler.pipeline.AcceptedRevisions;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.PlanRegistry;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.store.StoredNode;
import dev.eden.schema.Diagnostic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Dispatcher}: resolves the TaskBook in the last accepted revision, picks its nodes,
 * compiles it for each (with {@code event.*}), stores the dispatch and adds each node's run to the
 * plan it is served; {@link #reported} finishes a node when its agent reports the run.
 *
 * <p>Dispatches are durable: {@link #restore()} serves the pending ones again after a restart.
 * Starting, finishing and cancelling run one at a time (this object's lock), so the store and the
 * served plans always agree.
 */
public final class TaskBookDispatcher implements Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(TaskBookDispatcher.class);

  static final DispatchState PENDING = DispatchState.DISPATCH_STATE_PENDING;
  static final DispatchState SUCCEEDED = DispatchState.DISPATCH_STATE_SUCCEEDED;
  static final DispatchState FAILED = DispatchState.DISPATCH_STATE_FAILED;
  static final DispatchState CANCELLED = DispatchState.DISPATCH_STATE_CANCELLED;

  private final AcceptedRevisions accepted;
  private final TaskBookCompiler taskBooks;
  private final Store store;
  private final PlanRegistry plans;
  private final EventLog events;
  private final Clock clock;
  private final CoordinationStore coordination;

  /**
   * @param accepted the revision whose TaskBooks run (restored at start-up)
   * @param taskBooks compiles one TaskBook for a run; {@link TaskBookCompiler#NONE} when the
   *     reconciler does not compile manifests (then every dispatch is refused)
   * @param coordination where a dispatch's coordinated steps get their members, before it is saved
   */
  public TaskBookDispatcher(
      AcceptedRevisions accepted,
      TaskBookCompiler taskBooks,
      Store store,
      PlanRegistry plans,
      EventLog events,
      Clock clock,
      CoordinationStore coordination) {
    this.coordination = coordination;
    this.accepted = accepted;
    this.taskBooks = taskBooks;
    this.store = store;
    this.plans = plans;
    this.events = events;
    this.clock = clock;
  }

  /** Serves the stored pending runs again, after a restart. */
  public synchronized void restore() {
    Map<String, List<DispatchedRun>> pending = store.pendingDispatchedRuns();
    pending.forEach(plans::dispatched);
    LOG.info(
        "event=dispatches_restored nodes={} runs={}",
        pending.size(),
        pending.values().stream().mapToInt(List::size).sum());
  }

  @Override
  public synchronized DispatchStatus dispatch(Request request) {
    if (taskBooks == TaskBookCompiler.NONE) {
      throw new DispatchException(
          "this reconciler does not compile manifests; TaskBooks cannot be run");
    }
    Revision revision =
        accepted
            .admitted()
            .orElseThrow(
                () -> new DispatchException("no revision has been accepted yet; nothing can run"));
    List<NodeInput> known = NodeInput.of(store.listNodes().stream().map(StoredNode::info).toList());
    TaskBookRef tb = TaskBookRef.find(revision, request.taskBook());
    if (tb.spec().suspend()) {
      throw new DispatchException("TaskBook " + tb.key() + " is suspended (spec.suspend: true)");
    }
    Map<String, Map<String, String>> targets =
        taskBooks
            .targets(revision, tb.key(), known)
            .orElseThrow(
                () -> DispatchException.notFound("TaskBook " + tb.key() + " cannot be compiled"));
    List<String> nodes = NodeChoice.of(tb.key(), targets, request);
    String id = UUID.randomUUID().toString();
    TaskBookCompilation compiled =
        taskBooks.compile(
            revision, tb.key(), known, nodes, id + "/" + tb.key() + "/", eventRoot(request));
    if (!compiled.ok()) {
      throw new DispatchException(
          "TaskBook "
              + tb.key()
              + " does not compile for this run:\n"
              + compiled.errors().stream()
                  .sorted()
                  .map(Diagnostic::toString)
                  .collect(Collectors.joining("\n")));
    }
    return start(
        id, tb, request.origin(), revision.id(), compiled.steps(), Values.struct(request.event()));
  }

  /** {@code event} at the template root: the request's event, or an empty map. */
  private static Map<String, Object> eventRoot(Request request) {
    return Map.of("event", request.event());
  }

  private DispatchStatus start(
      String id,
      TaskBookRef tb,
      Origin origin,
      String revision,
      Map<String, List<PlanStep>> steps,
      Struct event) {
    Timestamp created = EventLog.timestamp(clock.instant());
    DispatchStatus.Builder status =
        DispatchStatus.newBuilder()
            .setId(id)
            .setTaskbook(tb.key())
            .setOrigin(origin)
            .setCreated(created);
    Map<String, DispatchedRun> runs = new HashMap<>();
    steps.forEach(
        (node, nodeSteps) -> {
          status.addNodes(DispatchNode.newBuilder().setNode(node).setState(PENDING));
          runs.put(
              node,
              DispatchedRun.newBuilder()
                  .setId(id)
                  .setTaskbook(tb.key())
                  .setOrigin(origin)
                  .addAllSteps(nodeSteps)
                  .setCreated(created)
                  .setEvent(event)
                  .build());
        });
    DispatchStatus started = status.build();
    coordination.recordMembers(Memberships.ofDispatch(id, steps));
    store.saveDispatch(started, runs);
    runs.forEach((node, run) -> plans.dispatched(node, with(plans.dispatched(node), run)));
    events.record(
        event(Event.Type.NORMAL, Reason.DISPATCHED, tb.key(), id, "")
            .setRevision(revision)
            .setMessage(
                "dispatch "
                    + shortId(id)
                    + " of TaskBook "
                    + tb.key()
                    + " by "
                    + Origins.text(origin)
                    + " to "
                    + steps.size()
                    + " node(s): "
                    + String.join(", ", steps.keySet()))
            .build());
    LOG.info(
        "event=dispatched id={} taskbook={} origin={} nodes={}",
        id,
        tb.key(),
        Origins.text(origin),
        steps.size());
    return started;
  }

  @Override
  public Optional<DispatchStatus> get(String dispatchId) {
    return store.dispatch(dispatchId);
  }

  @Override
  public List<DispatchStatus> running(Origin origin) {
    return store.listDispatches(origin, true);
  }

  @Override
  public synchronized void cancel(String dispatchId, String why) {
    Optional<DispatchStatus> status = store.dispatch(dispatchId);
    if (status.isEmpty()) {
      return;
    }
    for (DispatchNode node : status.get().getNodesList()) {
      if (!node.getState().equals(PENDING)) {
        continue;
      }
      DispatchNode cancelled =
          DispatchNode.newBuilder()
              .setNode(node.getNode())
              .setState(CANCELLED)
              .setMessage(why)
              .setFinished(EventLog.timestamp(clock.instant()))
              .build();
      if (store.finishDispatch(dispatchId, cancelled)) {
        drop(node.getNode(), dispatchId);
        events.record(
            event(
                    Event.Type.WARNING,
                    Reason.DISPATCH_CANCELLED,
                    status.get().getTaskbook(),
                    dispatchId,
                    node.getNode())
                .setMessage("dispatch " + shortId(dispatchId) + " cancelled: " + why)
                .build());
      }
    }
  }

  /**
   * An agent reported a run: when it is a dispatched run still pending on that node, the node's
   * state becomes Succeeded or Failed (the first failed step and its reason) and the run leaves its
   * plan. Anything else is ignored (a repeat, a run that is not a dispatch).
   */
  public synchronized void reported(RunReport report) {
    String id = report.getDispatchId();
    if (id.isEmpty()) {
      return;
    }
    DispatchNode outcome = RunOutcome.of(report);
    if (!store.finishDispatch(id, outcome)) {
      LOG.debug("event=dispatch_report_ignored id={} node={}", id, report.getNode());
      return;
    }
    drop(report.getNode(), id);
    boolean ok = outcome.getState().equals(SUCCEEDED);
    String taskBook = store.dispatch(id).map(DispatchStatus::getTaskbook).orElse("");
    events.record(
        event(
                ok ? Event.Type.NORMAL : Event.Type.WARNING,
                ok ? Reason.DISPATCH_SUCCEEDED : Reason.DISPATCH_FAILED,
                taskBook,
                id,
                report.getNode())
            .setRevision(report.getRevision())
            .setMessage(
                "dispatch "
                    + shortId(id)
                    + (ok ? " succeeded on " : " failed on ")
                    + report.getNode()
                    + ": "
                    + outcome.getMessage())
            .putLabels("run", report.getRunId())
            .build());
  }

  private void drop(String node, String dispatchId) {
    List<DispatchedRun> left = new ArrayList<>(plans.dispatched(node));
    left.removeIf(r -> r.getId().equals(dispatchId));
    plans.dispatched(node, left);
  }

  private static List<DispatchedRun> with(List<DispatchedRun> runs, DispatchedRun run) {
    List<DispatchedRun> out = new ArrayList<>(runs);
    out.add(run);
    return out;
  }

  private Event.Builder event(
      Event.Type type, Reason reason, String taskBook, String dispatchId, String node) {
    int slash = taskBook.indexOf('/');
    ObjectRef object =
        ObjectRef.newBuilder()
            .setKind(EventKinds.TASKBOOK)
            .setNamespace(slash < 0 ? "" : taskBook.substring(0, slash))
            .setName(slash < 0 ? taskBook : taskBook.substring(slash + 1))
            .build();
    Timestamp now = EventLog.timestamp(clock.instant());
    return Event.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setType(type)
        .setReason(reason.text())
        .setObject(object)
        .setNode(node)
        .putLabels("dispatch", dispatchId)
        .setFirstTime(now)
        .setLastTime(now)
        .setCount(1);
  }

  static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }

  /** How a reported dispatched run ended on its node. */
  static final class RunOutcome {
    private RunOutcome() {}

    static DispatchNode of(RunReport report) {
      int changed = 0;
      int unchanged = 0;
      Optional<StepResult> failed = Optional.empty();
      for (StepResult s : report.getStepsList()) {
        changed += s.getStatus() == StepResult.Status.CHANGED ? 1 : 0;
        unchanged += s.getStatus() == StepResult.Status.UNCHANGED ? 1 : 0;
        if (failed.isEmpty() && s.getStatus() == StepResult.Status.FAILED) {
          failed = Optional.of(s);
        }
      }
      String message =
          failed
              .map(s -> "step '" + s.getName() + "': " + s.getMessage())
              .orElse(changed + " changed, " + unchanged + " unchanged");
      DispatchNode.Builder b =
          DispatchNode.newBuilder()
              .setNode(report.getNode())
              .setState(failed.isPresent() ? FAILED : SUCCEEDED)
              .setRunId(report.getRunId())
              .setMessage(report.getDryRun() ? "dry run: " + message : message);
      if (report.hasFinished()) {
        b.setFinished(report.getFinished());
      }
      return b.build();
    }
  }
}
