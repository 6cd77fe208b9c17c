package dev.eden.reconciler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.approval.ApprovalGate;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.PlanHash;
import dev.eden.reconciler.compile.Revision;
import dev.eden.reconciler.source.FetchResult;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each step of the revision pipeline on its own, on a real Git repository and SQLite store. */
class RevisionStepsTest {

  private static final String TASKBOOK =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: motd, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, content: "hello {{node.name}}"}
      """;

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private Store store;
  private GitSource source;

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    store = SqliteStore.open(tmp.resolve("data"));
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    store.close();
    repo.close();
  }

  private RevisionSteps steps(RevisionCompiler compiler, String url) {
    source = GitSource.open(ReconcilerConfig.of(url, "main", "", tmp.resolve("data")).source());
    ApprovalGate gate = new ApprovalGate(source, store.approvals(), Clock.systemUTC());
    return new RevisionSteps(source, compiler, gate);
  }

  private RevisionSteps manifests() {
    return steps(new ManifestRevisionCompiler(new Compiler()), repo.dir().toString());
  }

  @Test
  void fetchGivesTheHeadOrWhyNot() {
    String sha = repo.commit("one", Map.of("ops.yaml", TASKBOOK));
    assertThat(manifests().fetch())
        .isInstanceOfSatisfying(
            FetchResult.Head.class, h -> assertThat(h.commit().sha()).isEqualTo(sha));
    source.close();

    FetchResult gone = steps(new TextCompiler(), tmp.resolve("nowhere").toString()).fetch();
    assertThat(gone).isInstanceOf(FetchResult.Failed.class);
  }

  @Test
  void loadReadsTheCommitAndValidateStopsALocatedError() {
    String good = repo.commit("good", Map.of("ops.yaml", TASKBOOK));
    String bad = repo.commit("bad", Map.of("ops.yaml", TASKBOOK.replace("TaskBook", "TaskBok")));
    RevisionSteps steps = manifests();
    steps.fetch();

    Step<Revision> valid = steps.load("main@sha1:" + good, good).then(RevisionSteps::validate);
    Step<Revision> invalid = steps.load("main@sha1:" + bad, bad).then(RevisionSteps::validate);

    assertThat(value(valid).objects()).hasSize(1);
    assertThat(errors(invalid)).singleElement().asString().startsWith("ops.yaml:2:");
  }

  @Test
  void loadOfACommitNotInTheCloneFailsWithTheRevision() {
    repo.commit("one", Map.of("ops.yaml", TASKBOOK));
    RevisionSteps steps = manifests();
    steps.fetch();

    Step<Loaded> missing = steps.load("main@sha1:0000", "0000000000000000000000000000000000000000");

    assertThat(errors(missing))
        .singleElement()
        .asString()
        .startsWith("<revision>:1:1: cannot compile main@sha1:0000");
  }

  @Test
  void admitRollsOutAnAutoTaskBookAsLoadedAndRecordsNothing() {
    String sha = repo.commit("one", Map.of("ops.yaml", TASKBOOK));
    RevisionSteps steps = manifests();
    steps.fetch();
    Revision loaded = value(steps.load("main@sha1:" + sha, sha).then(RevisionSteps::validate));

    Step<ApprovalGate.Admission> admitted = steps.admit(loaded);

    ApprovalGate.Admission admission = value(admitted);
    assertThat(admission.revision()).isSameAs(loaded);
    assertThat(admission.decisions().find("ops/motd").orElseThrow().status())
        .isEqualTo(ApprovalGate.Status.ROLLED_OUT);
    assertThat(store.approvals().approved("ops/motd")).isEmpty();
  }

  @Test
  void compileSealsThePlansAndGivesEveryRegisteredNodeOne() {
    String sha = repo.commit("one", Map.of("ops.yaml", TASKBOOK));
    RevisionSteps steps = manifests();
    steps.fetch();
    Revision loaded = value(steps.load("main@sha1:" + sha, sha).then(RevisionSteps::validate));
    List<NodeInfo> nodes = List.of(node("db-1", "db"), node("web-1", "web"));

    Step<RevisionSteps.Compiled> compiled = steps.compile(loaded, nodes, Set.of());

    Map<String, NodePlan> plans = value(compiled).plans();
    assertThat(plans).containsOnlyKeys("db-1", "web-1");
    assertThat(plans.get("web-1").getStepsCount()).isEqualTo(1);
    assertThat(plans.get("db-1").getStepsList()).isEmpty();
    plans.values().forEach(p -> assertThat(p.getHash()).isEqualTo(PlanHash.of(p)));
    assertThat(plans.get("web-1").getRevision()).isEqualTo("main@sha1:" + sha);
  }

  @Test
  void compileRejectsWithTheCompilersLocatedErrors() {
    String sha = repo.commit("one", Map.of("BAD", "unknown kind Foo"));
    RevisionSteps steps = steps(new TextCompiler(), repo.dir().toString());
    steps.fetch();
    Revision loaded = value(steps.load("main@sha1:" + sha, sha).then(RevisionSteps::validate));

    assertThat(errors(steps.compile(loaded, List.of(), Set.of())))
        .containsExactly("BAD:1:1: unknown kind Foo");
  }

  @Test
  void aFailedStepStopsTheChain() {
    Step<String> failed = new Step.Failed<>(List.of("a.yaml:1:1: no"));
    Step<Integer> next =
        failed.then(
            s -> {
              throw new AssertionError("must not run");
            });
    assertThat(next).isEqualTo(new Step.Failed<Integer>(List.of("a.yaml:1:1: no")));
    assertThat(new Step.Done<>("ab").map(String::length)).isEqualTo(new Step.Done<>(2));
  }

  private static <T> T value(Step<T> step) {
    assertThat(step).isInstanceOf(Step.Done.class);
    return ((Step.Done<T>) step).value();
  }

  private static List<String> errors(Step<?> step) {
    assertThat(step).isInstanceOf(Step.Failed.class);
    return ((Step.Failed<?>) step).errors();
  }

  private static NodeInfo node(String name, String tier) {
    return NodeInfo.newBuilder().setName(name).putLabels("tier", tier).build();
  }
}
