package dev.eden.reconciler.pipeline;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.PlanHash;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.GitRepoFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionPipelineTest {

  @TempDir Path tmp;

  private String cmd(InProcessReconciler r, String node) {
    NodePlan plan = r.reconciler().plans().plan(node).orElseThrow();
    return plan.getSteps(0).getParameters().getFieldsOrThrow("cmd").getStringValue();
  }

  private static InProcessReconciler startAndWait(Path repo, Path data, TextCompiler compiler) {
    InProcessReconciler r = InProcessReconciler.start(repo, data, compiler);
    await().atMost(Duration.ofSeconds(10)).until(() -> compiler.calls() > 0);
    return r;
  }

  @Test
  void goodCommitServesPlansAndBadCommitAfterItKeepsThem() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String good = repo.commit("good", Map.of("nodes/web-1.txt", "echo one"));
      TextCompiler compiler = new TextCompiler();
      try (InProcessReconciler r = startAndWait(repo.dir(), tmp.resolve("data"), compiler)) {
        await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("web-1").isPresent());
        NodePlan served = r.reconciler().plans().plan("web-1").orElseThrow();
        assertThat(served.getRevision()).isEqualTo("main@sha1:" + good);
        assertThat(served.getHash()).isEqualTo(PlanHash.of(served));

        String bad =
            repo.commit("bad", Map.of("nodes/web-1.txt", "echo two", "BAD", "unknown kind Foo"));
        SyncResult result = r.reconciler().fetchNow();

        assertThat(result).isInstanceOf(SyncResult.Rejected.class);
        assertThat(result.revisionOrNull().getErrorsList())
            .containsExactly("BAD:1:1: unknown kind Foo");
        assertThat(r.reconciler().plans().plan("web-1")).hasValue(served);
        assertThat(r.reconciler().store().currentRevision().map(RevisionInfo::getId))
            .hasValue("main@sha1:" + good);
        Event failed = lastEvent(r, Reason.VALIDATION_FAILED.text());
        assertThat(failed.getType()).isEqualTo(Event.Type.WARNING);
        assertThat(failed.getRevision()).isEqualTo("main@sha1:" + bad);
        assertThat(failed.getMessage()).contains("BAD:1:1: unknown kind Foo");
        assertThat(r.reconciler().fetchNow()).isInstanceOf(SyncResult.Unchanged.class);
      }
    }
  }

  @Test
  void acceptedCommitChangesOnlyTheNodesItAffects() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("one", Map.of("nodes/a.txt", "echo a", "nodes/b.txt", "echo b"));
      TextCompiler compiler = new TextCompiler();
      try (InProcessReconciler r = startAndWait(repo.dir(), tmp.resolve("data"), compiler)) {
        await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("b").isPresent());
        String hashA = r.reconciler().plans().plan("a").orElseThrow().getHash();
        repo.commit("two", Map.of("nodes/b.txt", "echo b2"));

        SyncResult result = r.reconciler().fetchNow();

        assertThat(((SyncResult.Accepted) result).changedNodes()).containsExactly("b");
        assertThat(r.reconciler().plans().plan("a").orElseThrow().getHash()).isEqualTo(hashA);
        assertThat(cmd(r, "b")).isEqualTo("echo b2");
        assertThat(lastEvent(r, Reason.PLAN_CHANGED.text()).getNode()).isEqualTo("b");
        assertThat(lastEvent(r, Reason.REVISION_ACCEPTED.text()).getMessage())
            .contains("1 plan(s) changed");
      }
    }
  }

  @Test
  void forcePushedBranchServesTheRewrittenHead() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String first = repo.commit("first", Map.of("nodes/a.txt", "echo 1"));
      repo.commit("second", Map.of("nodes/a.txt", "echo 2"));
      TextCompiler compiler = new TextCompiler();
      try (InProcessReconciler r = startAndWait(repo.dir(), tmp.resolve("data"), compiler)) {
        await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("a").isPresent());
        repo.resetHard(first);
        String rewritten = repo.commit("rewritten", Map.of("nodes/a.txt", "echo 3"));

        r.reconciler().fetchNow();

        assertThat(cmd(r, "a")).isEqualTo("echo 3");
        assertThat(r.reconciler().plans().plan("a").orElseThrow().getRevision())
            .isEqualTo("main@sha1:" + rewritten);

        repo.resetHard(first);
        r.reconciler().fetchNow();
        assertThat(cmd(r, "a")).isEqualTo("echo 1");
      }
    }
  }

  @Test
  void subPathIsTheRootOfTheRevision() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit(
          "first",
          Map.of("fleet/nodes/a.txt", "echo a", "nodes/z.txt", "echo z", "BAD", "outside"));
      TextCompiler compiler = new TextCompiler();
      ReconcilerConfig config =
          ReconcilerConfig.of(repo.dir().toString(), "main", "fleet", tmp.resolve("data"))
              .withPoll(InProcessReconciler.NO_POLL);
      try (InProcessReconciler r = InProcessReconciler.start(config, compiler, Clock.systemUTC())) {
        await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("a").isPresent());
        assertThat(r.reconciler().plans().all().keySet()).containsExactly("a");
      }
    }
  }

  @Test
  void restartServesLastGoodPlansBeforeAnyFetchWithoutRecloning() {
    Path data = tmp.resolve("data");
    NodePlan before;
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("good", Map.of("nodes/a.txt", "echo a"));
      TextCompiler compiler = new TextCompiler();
      try (InProcessReconciler r = startAndWait(repo.dir(), data, compiler)) {
        await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("a").isPresent());
        repo.commit("bad", Map.of("BAD", "nope"));
        r.reconciler().fetchNow();
        before = r.reconciler().plans().plan("a").orElseThrow();
      }
    }
    // the repository is gone: every fetch fails, so whatever is served comes from the data dir
    TextCompiler compiler = new TextCompiler();
    ReconcilerConfig config =
        ReconcilerConfig.of(tmp.resolve("gone").toString(), "main", "", data)
            .withPoll(InProcessReconciler.NO_POLL);
    try (InProcessReconciler r = InProcessReconciler.start(config, compiler, Clock.systemUTC())) {
      assertThat(r.reconciler().plans().plan("a")).hasValue(before);
      assertThat(r.reconciler().fetchNow()).isInstanceOf(SyncResult.FetchFailed.class);
      assertThat(r.reconciler().store().listRevisions(10)).hasSize(2);
      // the old clone is still there: a node registering now is compiled from it
      r.agent()
          .register(
              RegisterRequest.newBuilder().setNode(NodeInfo.newBuilder().setName("a")).build());
      assertThat(compiler.calls()).isEqualTo(1);
      assertThat(r.reconciler().plans().plan("a")).hasValue(before);
    }
  }

  @Test
  void registeringRecompilesOnlyThatNodeAndLabelChangesChangeItsPlan() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("good", Map.of("all.txt", "echo {{role}}", "nodes/static.txt", "echo s"));
      TextCompiler compiler = new TextCompiler();
      try (InProcessReconciler r = startAndWait(repo.dir(), tmp.resolve("data"), compiler)) {
        r.awaitRevision();
        String staticHash = r.reconciler().plans().plan("static").orElseThrow().getHash();

        register(r, "web-1", Map.of("role", "web"));
        assertThat(cmd(r, "web-1")).isEqualTo("echo web");
        String first = r.reconciler().plans().plan("web-1").orElseThrow().getHash();
        register(r, "web-1", Map.of("role", "web"));
        assertThat(r.reconciler().plans().plan("web-1").orElseThrow().getHash()).isEqualTo(first);
        register(r, "web-1", Map.of("role", "db"));

        assertThat(cmd(r, "web-1")).isEqualTo("echo db");
        assertThat(r.reconciler().plans().plan("static").orElseThrow().getHash())
            .isEqualTo(staticHash);
        assertThat(compiler.calls()).isEqualTo(3);
        List<Event> changes =
            r.reconciler().store().listEvents(new EventQuery("web-1", "Node", "web-1", 0, 0));
        assertThat(changes)
            .extracting(Event::getReason)
            .contains(
                Reason.NODE_JOINED.text(), Reason.PLAN_CHANGED.text(), Reason.NODE_UPDATED.text());
      }
    }
  }

  @Test
  void plansOfOtherNodesReturnedForOneNodeAreServedToo() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("one", Map.of("nodes/lb.txt", "x"));
      // the load balancer's plan lists every registered node, as a `nodes` lookup would
      RevisionCompiler lookups =
          request -> {
            String members =
                String.join(",", request.nodes().stream().map(NodeInfo::getName).toList());
            NodePlan lb =
                NodePlan.newBuilder()
                    .addSteps(dev.eden.proto.PlanStep.newBuilder().setId("lb").setName(members))
                    .build();
            Map<String, NodePlan> plans = new HashMap<>(Map.of("lb", lb));
            request.nodes().forEach(n -> plans.put(n.getName(), NodePlan.getDefaultInstance()));
            return new CompileOutcome.Accepted(plans, 1);
          };
      try (InProcessReconciler r =
          InProcessReconciler.start(repo.dir(), tmp.resolve("data"), lookups)) {
        await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("lb").isPresent());
        register(r, "web-1", Map.of());
        register(r, "web-2", Map.of());

        assertThat(r.reconciler().plans().plan("lb").orElseThrow().getSteps(0).getName())
            .isEqualTo("web-1,web-2");
        assertThat(r.reconciler().store().currentPlans().get("lb").getSteps(0).getName())
            .isEqualTo("web-1,web-2");
      }
    }
  }

  @Test
  void failedFetchEventsCarryNoCredentialsAndFold() {
    ReconcilerConfig config =
        ReconcilerConfig.of(
                "https://alice:hunter22@127.0.0.1:1/fleet.git", "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL)
            .withGitToken("tok-0123456789");
    try (InProcessReconciler r =
        InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC())) {
      assertThat(r.reconciler().fetchNow()).isInstanceOf(SyncResult.FetchFailed.class);
      r.reconciler().fetchNow();

      Event failed = lastEvent(r, Reason.FETCH_FAILED.text());
      assertThat(failed.getMessage())
          .contains("https://***@127.0.0.1:1/fleet.git")
          .doesNotContain("hunter22")
          .doesNotContain("alice")
          .doesNotContain("tok-0123456789");
      assertThat(failed.getCount()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void pollingPicksUpNewCommits() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("one", Map.of("nodes/a.txt", "echo 1"));
      ReconcilerConfig config =
          ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
              .withPoll(Duration.ofMillis(100));
      try (InProcessReconciler r =
          InProcessReconciler.start(config, new TextCompiler(), Clock.systemUTC())) {
        await().atMost(PATIENCE).until(() -> r.reconciler().plans().plan("a").isPresent());
        repo.commit("two", Map.of("nodes/a.txt", "echo 2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cmd(r, "a").equals("echo 2"));
      }
    }
  }

  @Test
  void compilerCrashRejectsTheRevision() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("one", Map.of("nodes/a.txt", "echo 1"));
      RevisionCompiler crashing =
          request -> {
            throw new IllegalStateException("boom");
          };
      try (InProcessReconciler r =
          InProcessReconciler.start(repo.dir(), tmp.resolve("data"), crashing)) {
        r.reconciler().fetchNow();
        RevisionInfo revision = r.reconciler().store().listRevisions(1).get(0);
        assertThat(revision.getAccepted()).isFalse();
        assertThat(revision.getErrors(0)).contains("boom");
        assertThat(r.reconciler().plans().all()).isEmpty();
      }
    }
  }

  private static void register(InProcessReconciler r, String name, Map<String, String> labels) {
    r.agent()
        .register(
            RegisterRequest.newBuilder()
                .setNode(NodeInfo.newBuilder().setName(name).putAllLabels(new HashMap<>(labels)))
                .build());
  }

  private static Event lastEvent(InProcessReconciler r, String reason) {
    List<Event> events = r.reconciler().store().listEvents(EventQuery.after(0));
    return events.stream()
        .filter(e -> e.getReason().equals(reason))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + reason + " event in " + events));
  }
}
