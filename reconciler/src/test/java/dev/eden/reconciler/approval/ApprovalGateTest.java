package dev.eden.reconciler.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.approval.ApprovalGate.Status;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.source.GitSourceConfig;
import dev.eden.reconciler.store.ApprovalStore.Approved;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.Manifest;
import dev.eden.schema.model.Spec.TaskBookSpec;
import dev.eden.schema.model.Value;
import dev.eden.testkit.FakeClock;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approval gate on its own: real commits in a real clone, approvals in a real SQLite file. */
class ApprovalGateTest {

  private static final String TASKBOOK =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: %s, namespace: ops}
      spec:
        approval: %s
        steps:
          - name: conf
            action: file.managed
            parameters: {path: /etc/%s.conf, template: shared.hbs}
      """;

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private GitSource source;
  private SqliteStore store;
  private ApprovalGate gate;
  private ApprovalGate.Admission admitted;
  private ApprovalGate.Snapshot inForce = ApprovalGate.Snapshot.NONE;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void open() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    source =
        GitSource.open(
            new GitSourceConfig(repo.dir().toString(), "main", "", tmp.resolve("git"), ""));
    store = SqliteStore.open(tmp.resolve("data"));
    gate = new ApprovalGate(source, store.approvals(), clock);
  }

  @AfterEach
  void close() {
    store.close();
    source.close();
    repo.close();
  }

  /** Commits, fetches and loads the revision, as the pipeline does before compiling. */
  private Revision commit(String message, Map<String, String> files) throws IOException {
    String sha = repo.commit(message, files);
    source.fetch();
    SourceTree tree = source.tree(sha);
    String id = "main@sha1:" + sha;
    store.acceptRevision(
        RevisionInfo.newBuilder().setId(id).setCommit(sha).setAccepted(true).build(), Map.of());
    return new Revision(id, ManifestLoader.load(tree).objects(), tree);
  }

  private static Map<String, String> files(String shared, String manualApproval) {
    return Map.of(
        "a.yaml", TASKBOOK.formatted("app", manualApproval, "app"),
        "b.yaml", TASKBOOK.formatted("web", "auto", "web"),
        "shared.hbs", shared);
  }

  @Test
  void neverApprovedManualTaskBookIsLeftOutAndPendingOnce() throws IOException {
    Revision rev = commit("one", files("v1", "manual"));

    Revision admitted = admit(rev);

    assertThat(names(admitted)).containsExactly("ops/web");
    assertThat(accepted(rev.id()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.pending().taskBook()).isEqualTo("ops/app");
              assertThat(p.pending().revision()).isEqualTo(rev.id());
              assertThat(p.serving()).isEmpty();
            });
    admit(rev);
    assertThat(accepted(rev.id())).isEmpty();
    assertThat(store.approvals().approved("ops/web").map(Approved::by)).hasValue("auto");
  }

  @Test
  void approvedVersionIsServedWithItsOwnTemplateWhileOthersGetTheNewOne() throws IOException {
    Revision one = commit("one", files("v1", "manual"));
    admit(one);
    accepted(one.id());
    approve("ops/app", one);
    Revision two = commit("two", files("v2", "manual"));

    Revision admitted = admit(two);

    assertThat(inForce.revision()).isEqualTo(one.id()); // until two is accepted
    List<String> pending = accepted(two.id()).stream().map(p -> p.pending().revision()).toList();
    assertThat(pending).containsExactly(two.id());
    assertThat(inForce.find("ops/app").orElseThrow().status()).isEqualTo(Status.HELD);
    assertThat(inForce.find("ops/web").orElseThrow().status()).isEqualTo(Status.ROLLED_OUT);
    assertThat(template(admitted, "ops/app")).isEqualTo("v1");
    assertThat(template(admitted, "ops/web")).isEqualTo("v2");
  }

  @Test
  void changesElsewhereKeepTheVersionApproved() throws IOException {
    Revision one = commit("one", files("v1", "manual"));
    admit(one);
    accepted(one.id());
    approve("ops/app", one);
    Revision moved =
        commit(
            "moved",
            Map.of(
                "a.yaml",
                "# the app\n\n" + TASKBOOK.formatted("app", "manual", "app"),
                "README.md",
                "notes"));

    Revision admitted = admit(moved);

    assertThat(admitted).isSameAs(moved);
    assertThat(accepted(moved.id())).isEmpty();
  }

  @Test
  void suspendingAManualTaskBookTakesEffectAtOnce() throws IOException {
    Revision one = commit("one", files("v1", "manual"));
    admit(one);
    accepted(one.id());
    approve("ops/app", one);
    String suspended =
        TASKBOOK.formatted("app", "manual", "app").replace("spec:\n", "spec:\n  suspend: true\n");
    Revision stop = commit("stop", Map.of("a.yaml", suspended));

    Revision admitted = admit(stop);

    assertThat(admitted).isSameAs(stop);
    assertThat(accepted(stop.id())).isEmpty();
  }

  /** The pipeline's approval step: decides, writes nothing. */
  private Revision admit(Revision loaded) {
    admitted = gate.decide(loaded);
    return admitted.revision();
  }

  /** The pipeline's applier once the revision is accepted: its decisions come into force. */
  private List<ApprovalGate.NewlyPending> accepted(String revision) {
    if (admitted == null || !admitted.decisions().revision().equals(revision)) {
      return List.of();
    }
    inForce = admitted.decisions();
    return gate.record(inForce);
  }

  private void approve(String taskBook, Revision rev) {
    String digest =
        rev.objects().stream()
            .filter(m -> m.kind() == Kind.TASK_BOOK && ApprovalGate.key(m).equals(taskBook))
            .map(m -> TaskBookDigest.of(m, rev.tree()))
            .findFirst()
            .orElseThrow();
    store
        .approvals()
        .approve(
            new Approved(
                taskBook,
                rev.id(),
                ApprovalGate.commitOf(rev.id()),
                digest,
                "user:ana",
                clock.instant()));
  }

  private static List<String> names(Revision rev) {
    return rev.objects().stream()
        .filter(m -> m.kind() == Kind.TASK_BOOK)
        .map(ApprovalGate::key)
        .toList();
  }

  /** The text of the template file the TaskBook's step names, read through the revision's tree. */
  private static String template(Revision rev, String taskBook) throws IOException {
    Manifest m =
        rev.objects().stream()
            .filter(o -> o.kind() == Kind.TASK_BOOK && ApprovalGate.key(o).equals(taskBook))
            .findFirst()
            .orElseThrow();
    Value.Scalar path =
        (Value.Scalar) m.spec(TaskBookSpec.class).steps().get(0).parameters().get("template");
    String file = path.text().startsWith("/") ? path.text().substring(1) : path.text();
    return new String(rev.tree().read(file), StandardCharsets.UTF_8);
  }
}
