package dev.eden.reconciler.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.common.WireText;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.Event;
import dev.eden.proto.GetDispatchRequest;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunTaskBookRequest;
import dev.eden.proto.RunTrigger;
import dev.eden.proto.StepResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.schema.select.LabelSelector;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatches end to end on a real reconciler: real Git, real compiler, real SQLite, gRPC. */
class DispatchTest {

  private static final String MANIFESTS =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: base, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, content: "hello {{node.name}}\\n"}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: restart, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - name: stop
            action: cmd.run
            parameters: {cmd: "echo stop {{node.name}}"}
          - name: start
            action: cmd.run
            requires: [stop]
            parameters: {cmd: "echo start"}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: repair, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - name: note
            action: cmd.run
            parameters: {cmd: "echo repairing after {{event.reason}}"}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: frozen, namespace: ops}
      spec:
        mode: manual
        suspend: true
        targets: {selector: "tier=web"}
        steps:
          - {name: x, action: cmd.run, parameters: {cmd: "true"}}
      """;

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private InProcessReconciler r;

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("first", Map.of("ops.yaml", MANIFESTS));
    r = startReconciler();
    for (String node : List.of("web-1", "web-2", "web-3")) {
      String zone = node.equals("web-3") ? "b" : "a";
      register(node, Map.of("tier", "web", "zone", zone));
    }
  }

  private InProcessReconciler startReconciler() {
    InProcessReconciler started =
        InProcessReconciler.start(
            repo.dir(), tmp.resolve("data"), new ManifestRevisionCompiler(new Compiler()));
    started.awaitRevision();
    return started;
  }

  @AfterEach
  void stop() {
    r.close();
    repo.close();
  }

  private void register(String node, Map<String, String> labels) {
    r.agent()
        .register(
            RegisterRequest.newBuilder()
                .setNode(NodeInfo.newBuilder().setName(node).putAllLabels(labels))
                .build());
  }

  private NodePlan plan(String node) {
    return r.agent().getPlan(GetPlanRequest.newBuilder().setNode(node).build()).getPlan();
  }

  private void report(String node, String dispatchId, StepResult.Status status, String msg) {
    RunReport report =
        RunReport.newBuilder()
            .setRunId(UUID.randomUUID().toString())
            .setNode(node)
            .setRevision(plan(node).getRevision())
            .setDispatchId(dispatchId)
            .setTrigger(RunTrigger.RUN_TRIGGER_DISPATCH)
            .addSteps(
                StepResult.newBuilder()
                    .setStepId(dispatchId + "/ops/restart/stop")
                    .setName("stop")
                    .setStatus(status)
                    .setMessage(msg))
            .build();
    r.agent().reportRun(ReportRunRequest.newBuilder().setReport(report).build());
  }

  private List<Event> events(String reason) {
    return r
        .control()
        .listEvents(ListEventsRequest.newBuilder().setLimit(1000).build())
        .getEventsList()
        .stream()
        .filter(e -> e.getReason().equals(reason))
        .toList();
  }

  private static Map<String, String> states(DispatchStatus status) {
    return status.getNodesList().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                DispatchNode::getNode, n -> WireText.of(n.getState())));
  }

  @Test
  void manualTaskBookRunsOnlyOnTheDispatchedNodesAndLeavesTheirPlansWhenDone() {
    NodePlan before = plan("web-1");
    assertThat(before.getStepsList()).extracting(PlanStep::getTaskbook).containsOnly("ops/base");

    DispatchStatus started =
        r.control()
            .runTaskBook(
                RunTaskBookRequest.newBuilder()
                    .setTaskbook("restart")
                    .setSelector("zone=a")
                    .build());

    String id = started.getId();
    assertThat(started.getTaskbook()).isEqualTo("ops/restart");
    assertThat(Origins.text(started.getOrigin())).isEqualTo("user:insecure");
    assertThat(states(started))
        .containsExactly(Map.entry("web-1", "Pending"), Map.entry("web-2", "Pending"));
    NodePlan served = plan("web-1");
    assertThat(served.getHash()).isNotEqualTo(before.getHash());
    assertThat(served.getStepsList()).isEqualTo(before.getStepsList());
    DispatchedRun run = served.getDispatched(0);
    assertThat(run.getId()).isEqualTo(id);
    assertThat(run.getStepsList())
        .extracting(PlanStep::getId)
        .containsExactly(id + "/ops/restart/stop", id + "/ops/restart/start");
    assertThat(run.getSteps(1).getRequiresList()).containsExactly(id + "/ops/restart/stop");
    assertThat(run.getSteps(0).getParameters().getFieldsOrThrow("cmd").getStringValue())
        .isEqualTo("echo stop web-1");
    assertThat(plan("web-3").getDispatchedList()).isEmpty();
    Event dispatched = events("Dispatched").get(0);
    assertThat(dispatched.getObject().getName()).isEqualTo("restart");
    assertThat(dispatched.getLabelsMap()).containsEntry("dispatch", id);
    assertThat(dispatched.getMessage()).contains("user:insecure").contains("web-1, web-2");

    report("web-1", id, StepResult.Status.CHANGED, "ran");
    report("web-2", id, StepResult.Status.FAILED, "exit status 3");
    report("web-2", id, StepResult.Status.CHANGED, "a late repeat changes nothing");

    DispatchStatus done =
        r.control().getDispatch(GetDispatchRequest.newBuilder().setDispatchId(id).build());
    assertThat(states(done))
        .containsExactly(Map.entry("web-1", "Succeeded"), Map.entry("web-2", "Failed"));
    assertThat(done.getNodes(1).getMessage()).isEqualTo("step 'stop': exit status 3");
    assertThat(done.getNodes(0).getRunId()).isNotEmpty();
    assertThat(plan("web-1").getHash()).isEqualTo(before.getHash());
    assertThat(plan("web-2").getDispatchedList()).isEmpty();
    assertThat(events("DispatchSucceeded")).extracting(Event::getNode).containsExactly("web-1");
    Event failed = events("DispatchFailed").get(0);
    assertThat(failed.getNode()).isEqualTo("web-2");
    assertThat(failed.getType()).isEqualTo(Event.Type.WARNING);
    assertThat(failed.getLabelsMap()).containsEntry("dispatch", id);
    assertThat(r.reconciler().dispatcher().running(Origins.user("insecure"))).isEmpty();
  }

  @Test
  void eventValuesAreRenderedAndAMissingOneIsALocatedError() {
    Dispatcher dispatcher = r.reconciler().dispatcher();
    DispatchStatus started =
        dispatcher.dispatch(
            new Dispatcher.Request(
                "ops/repair",
                Optional.empty(),
                Set.of("web-3"),
                Origins.trigger("ops", "on-motd"),
                Map.of("reason", "MotdMissing")));

    PlanStep note = plan("web-3").getDispatched(0).getSteps(0);
    assertThat(note.getParameters().getFieldsOrThrow("cmd").getStringValue())
        .isEqualTo("echo repairing after MotdMissing");
    // and the agent's CEL conditions get the same event
    assertThat(
            plan("web-3").getDispatched(0).getEvent().getFieldsOrThrow("reason").getStringValue())
        .isEqualTo("MotdMissing");
    assertThat(dispatcher.running(Origins.trigger("ops", "on-motd")))
        .extracting(DispatchStatus::getId)
        .containsExactly(started.getId());
    assertThatThrownBy(
            () ->
                dispatcher.dispatch(
                    new Dispatcher.Request(
                        "ops/repair", Optional.empty(), Set.of(), Origins.user("ana"), Map.of())))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("TaskBook ops/repair does not compile")
        .hasMessageContaining("ops.yaml:")
        .hasMessageContaining("event.reason");
  }

  @Test
  void refusesWhatCannotRunWithTheReason() {
    assertThat(code("nope", "")).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(message("nope", "")).contains("TaskBook nope not found");
    assertThat(code("ops/frozen", "")).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(message("ops/frozen", "")).contains("ops/frozen is suspended");
    assertThat(message("restart", "zone=c"))
        .contains("no target of TaskBook ops/restart matches selector 'zone=c'");
    assertThat(code("restart", "zone in (")).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThatThrownBy(
            () ->
                r.reconciler()
                    .dispatcher()
                    .dispatch(
                        new Dispatcher.Request(
                            "ops/restart",
                            Optional.of(LabelSelector.parse("tier=web")),
                            Set.of("db-1"),
                            Origins.user("ana"),
                            Map.of())))
        .hasMessageContaining("node db-1 is not a target of TaskBook ops/restart");
  }

  private StatusRuntimeException refusal(String taskBook, String selector) {
    try {
      r.control()
          .runTaskBook(
              RunTaskBookRequest.newBuilder().setTaskbook(taskBook).setSelector(selector).build());
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("RunTaskBook " + taskBook + " was not refused");
  }

  private Status.Code code(String taskBook, String selector) {
    return refusal(taskBook, selector).getStatus().getCode();
  }

  private String message(String taskBook, String selector) {
    return refusal(taskBook, selector).getStatus().getDescription();
  }

  @Test
  void pendingDispatchIsServedAgainAfterARestartAndNewOnesStillCompile() {
    String id =
        r.control()
            .runTaskBook(RunTaskBookRequest.newBuilder().setTaskbook("ops/restart").build())
            .getId();
    String hash = plan("web-2").getHash();

    r.close();
    r = startReconciler();

    assertThat(plan("web-2").getHash()).isEqualTo(hash);
    assertThat(plan("web-2").getDispatched(0).getId()).isEqualTo(id);
    report("web-2", id, StepResult.Status.UNCHANGED, "");
    assertThat(plan("web-2").getDispatchedList()).isEmpty();
    String second =
        r.control()
            .runTaskBook(
                RunTaskBookRequest.newBuilder()
                    .setTaskbook("ops/restart")
                    .setSelector("zone=b")
                    .build())
            .getId();
    assertThat(plan("web-3").getDispatchedList())
        .extracting(DispatchedRun::getId)
        .containsExactly(id, second);
  }

  @Test
  void cancelDropsPendingNodesFromTheirPlans() {
    Dispatcher dispatcher = r.reconciler().dispatcher();
    DispatchStatus started =
        dispatcher.dispatch(
            new Dispatcher.Request(
                "ops/restart",
                Optional.empty(),
                Set.of("web-1"),
                Origins.cronJob("ops", "nightly"),
                Map.of()));

    dispatcher.cancel(started.getId(), "replaced by a newer run");

    DispatchNode node = dispatcher.get(started.getId()).orElseThrow().getNodes(0);
    assertThat(WireText.of(node.getState())).isEqualTo("Cancelled");
    assertThat(node.getMessage()).isEqualTo("replaced by a newer run");
    assertThat(plan("web-1").getDispatchedList()).isEmpty();
    assertThat(dispatcher.running(Origins.cronJob("ops", "nightly"))).isEmpty();
  }
}
