package dev.eden.reconciler.approval;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.common.Reason;
import dev.eden.proto.ApproveTaskBookRequest;
import dev.eden.proto.Event;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.ListTaskBooksRequest;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.TaskBookInfo;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskBook with {@code approval: manual} through a real reconciler: real Git commits, the real
 * manifest compiler, the in-process gRPC control service and a SQLite store kept across a restart.
 */
class TaskBookApprovalTest {

  private static final String NODES =
      """
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-1}
      spec: {labels: {tier: web}}
      ---
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-2}
      spec: {labels: {tier: web}}
      """;

  private static final String MOTD =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: motd, namespace: ops}
      spec:
        approval: manual
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, template: motd.hbs}
      """;

  private static final String BASE =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: base, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: app dir
            action: directory
            parameters: {path: %s}
      """;

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private InProcessReconciler r;

  @BeforeEach
  void createRepository() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
  }

  @AfterEach
  void stop() {
    if (r != null) {
      r.close();
    }
    repo.close();
  }

  private void start() {
    r =
        InProcessReconciler.start(
            repo.dir(), tmp.resolve("data"), new ManifestRevisionCompiler(new Compiler()));
  }

  /** Starts the reconciler and waits until its first revision left ops/motd pending. */
  private void startAndAwaitPending() {
    start();
    await().atMost(PATIENCE).until(() -> !pendingEvents().isEmpty());
  }

  private String commit(String message, Map<String, String> files) {
    return "main@sha1:" + repo.commit(message, files);
  }

  private void fetch(String revision) {
    r.reconciler().fetchNow();
    assertThat(r.reconciler().store().currentRevision().map(RevisionInfo::getId))
        .hasValue(revision);
  }

  @Test
  void manualTaskBookRollsOutOnlyApprovedVersions() {
    String rev1 =
        commit(
            "one",
            Map.of(
                "fleet/nodes.yaml",
                NODES,
                "fleet/motd.yaml",
                MOTD,
                "fleet/motd.hbs",
                "hello v1 from {{node.name}}\n",
                "fleet/base.yaml",
                BASE.formatted("/etc/app")));
    startAndAwaitPending();

    assertThat(motd("web-1")).isEmpty();
    assertThat(steps("web-1")).containsExactly("ops/base/app dir");
    assertThat(info("ops/motd"))
        .extracting(TaskBookInfo::getServingRevision, TaskBookInfo::getPendingRevision)
        .containsExactly("", rev1);
    assertThat(pendingEvents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getRevision()).isEqualTo(rev1);
              assertThat(e.getObject().getNamespace() + "/" + e.getObject().getName())
                  .isEqualTo("ops/motd");
              assertThat(e.getMessage()).contains("eden approve ops/motd --revision " + rev1);
            });

    TaskBookInfo approved = approve("motd", "");
    assertThat(approved.getServingRevision()).isEqualTo(rev1);
    assertThat(approved.getPendingRevision()).isEmpty();
    assertThat(approved.getNodes()).isEqualTo(2);
    assertThat(motd("web-1")).hasValue("hello v1 from web-1\n");
    assertThat(lastEvent(Reason.TASKBOOK_APPROVED.text()).getMessage())
        .contains("ops/motd", rev1, "approved by user:insecure");
    String approvedHash = hash("web-1");

    String rev2 = commit("other file", Map.of("fleet/README.md", "ops notes\n"));
    fetch(rev2);
    assertThat(info("ops/motd"))
        .extracting(TaskBookInfo::getServingRevision, TaskBookInfo::getPendingRevision)
        .containsExactly(rev1, "");
    assertThat(hash("web-1")).isEqualTo(approvedHash);

    String rev3 = commit("motd v2", Map.of("fleet/motd.hbs", "hello v2 from {{node.name}}\n"));
    fetch(rev3);
    assertThat(hash("web-1")).isEqualTo(approvedHash);
    assertThat(motd("web-1")).hasValue("hello v1 from web-1\n");
    assertThat(info("ops/motd"))
        .extracting(TaskBookInfo::getServingRevision, TaskBookInfo::getPendingRevision)
        .containsExactly(rev1, rev3);
    assertThat(pendingEvents()).extracting(Event::getRevision).containsExactly(rev1, rev3);

    String rev4 = commit("base moves", Map.of("fleet/base.yaml", BASE.formatted("/srv/app")));
    fetch(rev4);
    assertThat(r.reconciler().plans().plan("web-1").orElseThrow().getStepsList())
        .extracting(s -> s.getParameters().getFieldsOrThrow("path").getStringValue())
        .contains("/srv/app", "/etc/motd");
    assertThat(motd("web-1")).hasValue("hello v1 from web-1\n");
    assertThat(info("ops/motd").getPendingRevision()).isEqualTo(rev3);
    assertThat(pendingEvents()).hasSize(2);

    TaskBookInfo second = approve("ops/motd", shortRevision(rev3));
    assertThat(second.getServingRevision()).isEqualTo(rev3);
    assertThat(second.getPendingRevision()).isEmpty();
    assertThat(motd("web-1")).hasValue("hello v2 from web-1\n");
    assertThat(motd("web-2")).hasValue("hello v2 from web-2\n");
  }

  @Test
  void approvalSurvivesARestart() {
    commit(
        "one",
        Map.of(
            "fleet/nodes.yaml", NODES,
            "fleet/motd.yaml", MOTD,
            "fleet/motd.hbs", "hello v1\n"));
    startAndAwaitPending();
    approve("ops/motd", "");
    String rev2 = commit("motd v2", Map.of("fleet/motd.hbs", "hello v2\n"));
    fetch(rev2);
    r.close();

    start();
    await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("web-1").isPresent());
    assertThat(info("ops/motd").getPendingRevision()).isEqualTo(rev2);
    assertThat(motd("web-1")).hasValue("hello v1\n");

    String rev3 = commit("notes", Map.of("fleet/README.md", "notes\n"));
    fetch(rev3);
    assertThat(motd("web-1")).hasValue("hello v1\n");
    assertThat(info("ops/motd").getPendingRevision()).isEqualTo(rev2);

    approve("ops/motd", rev2);
    assertThat(motd("web-1")).hasValue("hello v2\n");
    r.close();

    start();
    await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("web-1").isPresent());
    assertThat(info("ops/motd"))
        .extracting(TaskBookInfo::getServingRevision, TaskBookInfo::getPendingRevision)
        .containsExactly(rev2, "");
    String rev4 = commit("more notes", Map.of("fleet/README.md", "more notes\n"));
    fetch(rev4);
    assertThat(motd("web-1")).hasValue("hello v2\n");
  }

  @Test
  void approvingWhatDoesNotWaitIsRefusedClearly() {
    String rev1 =
        commit(
            "one",
            Map.of(
                "fleet/nodes.yaml",
                NODES,
                "fleet/motd.yaml",
                MOTD,
                "fleet/motd.hbs",
                "v1\n",
                "fleet/base.yaml",
                BASE.formatted("/etc/app")));
    startAndAwaitPending();

    assertThat(refusal("ops/mtod", ""))
        .satisfies(
            s -> {
              assertThat(s.getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(s.getDescription()).contains("no TaskBook ops/mtod", "'ops/motd'");
            });
    assertThat(refusal("ops/motd", "main@sha1:0000000"))
        .satisfies(
            s -> {
              assertThat(s.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
              assertThat(s.getDescription())
                  .contains("no version waiting for approval in revision main@sha1:0000000")
                  .contains("the version waiting now is from " + rev1);
            });
    assertThat(refusal("ops/base", "").getDescription()).contains("approval: auto");
    approve("ops/motd", rev1);
    assertThat(refusal("ops/motd", "").getDescription())
        .contains("no version waiting for approval; it serves the version of " + rev1);
  }

  private TaskBookInfo approve(String taskBook, String revision) {
    return r.control()
        .approveTaskBook(
            ApproveTaskBookRequest.newBuilder()
                .setTaskbook(taskBook)
                .setRevision(revision)
                .build());
  }

  private Status refusal(String taskBook, String revision) {
    try {
      approve(taskBook, revision);
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
    throw new AssertionError("approving " + taskBook + " was not refused");
  }

  private TaskBookInfo info(String name) {
    List<TaskBookInfo> all =
        r.control().listTaskBooks(ListTaskBooksRequest.getDefaultInstance()).getTaskbooksList();
    return all.stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + all));
  }

  private String hash(String node) {
    return r.reconciler().plans().plan(node).orElseThrow().getHash();
  }

  private List<String> steps(String node) {
    return r.reconciler().plans().plan(node).orElseThrow().getStepsList().stream()
        .map(PlanStep::getId)
        .toList();
  }

  /** The content of the motd step in {@code node}'s plan, empty when it has none. */
  private Optional<String> motd(String node) {
    NodePlan plan = r.reconciler().plans().plan(node).orElseThrow();
    return plan.getStepsList().stream()
        .filter(s -> s.getTaskbook().equals("ops/motd"))
        .map(s -> s.getParameters().getFieldsOrThrow("content").getStringValue())
        .findFirst();
  }

  private List<Event> pendingEvents() {
    return r
        .control()
        .listEvents(ListEventsRequest.newBuilder().setObjectKind(EventKinds.TASKBOOK).build())
        .getEventsList()
        .stream()
        .filter(e -> e.getReason().equals(Reason.TASKBOOK_PENDING_APPROVAL.text()))
        .toList();
  }

  private Event lastEvent(String reason) {
    List<Event> events =
        r.control().listEvents(ListEventsRequest.getDefaultInstance()).getEventsList().stream()
            .filter(e -> e.getReason().equals(reason))
            .toList();
    assertThat(events).isNotEmpty();
    return events.get(events.size() - 1);
  }

  private static String shortRevision(String id) {
    return id.substring(0, id.indexOf("@sha1:") + 6 + 7);
  }
}
