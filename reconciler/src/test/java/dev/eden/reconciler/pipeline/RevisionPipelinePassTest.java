package dev.eden.reconciler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.common.Reason;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.source.GitSource;
import dev.eden.reconciler.store.EventQuery;
import dev.eden.reconciler.store.SqliteStore;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.testkit.FakeClock;
import dev.eden.testkit.GitRepoFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps combined into one outcome and applied: accepted, rejected with located errors,
 * unchanged, a fetch failure that comes back after the poll interval, a sink that refuses, and node
 * changes merged into one pass. A real Git repository, a real SQLite store, no gRPC.
 */
class RevisionPipelinePassTest {

  private static final Duration POLL = Duration.ofSeconds(7);

  @TempDir Path tmp;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TextCompiler compiler = new TextCompiler();
  private final AcceptedRevisions accepted = new AcceptedRevisions();
  private final PlanRegistry plans = new PlanRegistry();
  private final List<RevisionSink> sinks = new ArrayList<>();
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

  private RevisionPipeline pipeline(String url) {
    source = GitSource.open(ReconcilerConfig.of(url, "main", "", tmp.resolve("data")).source());
    EventLog events = new EventLog(store, clock);
    return new RevisionPipeline(
        source, compiler, store, plans, events, new Metrics(), clock, accepted, sinks, POLL);
  }

  private RevisionPipeline pipeline() {
    return pipeline(repo.dir().toString());
  }

  @Test
  void anAcceptedRevisionIsStoredServedAndPublished() {
    String sha = repo.commit("one", Map.of("nodes/web-1.txt", "echo one"));

    SyncResult result = pipeline().sync();

    assertThat(result).isInstanceOf(SyncResult.Accepted.class);
    assertThat(((SyncResult.Accepted) result).changedNodes()).containsExactly("web-1");
    assertThat(accepted.current().map(AcceptedRevision::id)).hasValue("main@sha1:" + sha);
    assertThat(accepted.current().orElseThrow().plans().get("web-1"))
        .isEqualTo(plans.plan("web-1").orElseThrow());
    assertThat(store.currentRevision().map(RevisionInfo::getId)).hasValue("main@sha1:" + sha);
    assertThat(reasons()).contains(Reason.PLAN_CHANGED.text(), Reason.REVISION_ACCEPTED.text());
  }

  @Test
  void aRejectedRevisionKeepsTheLastOneServingWithItsLocatedErrors() {
    String good = repo.commit("good", Map.of("nodes/web-1.txt", "echo one"));
    RevisionPipeline pipeline = pipeline();
    pipeline.sync();
    AcceptedRevision serving = accepted.current().orElseThrow();
    repo.commit("bad", Map.of("BAD", "unknown kind Foo"));

    SyncResult result = pipeline.sync();

    assertThat(result).isInstanceOf(SyncResult.Rejected.class);
    assertThat(result.revisionOrNull().getErrorsList())
        .containsExactly("BAD:1:1: unknown kind Foo");
    assertThat(accepted.current()).containsSame(serving);
    assertThat(store.currentRevision().map(RevisionInfo::getId)).hasValue("main@sha1:" + good);
    assertThat(reasons()).contains(Reason.VALIDATION_FAILED.text());
  }

  @Test
  void anUnchangedHeadWritesNothing() {
    repo.commit("one", Map.of("nodes/web-1.txt", "echo one"));
    RevisionPipeline pipeline = pipeline();
    pipeline.sync();
    int events = reasons().size();

    SyncResult again = pipeline.sync();

    assertThat(again).isInstanceOf(SyncResult.Unchanged.class);
    assertThat(again.revisionOrNull().getCurrent()).isTrue();
    assertThat(reasons()).hasSize(events);
    assertThat(compiler.calls()).isEqualTo(1);
  }

  @Test
  void aFailedFetchComesBackAfterThePollInterval() {
    RevisionPipeline pipeline = pipeline(tmp.resolve("nowhere").toString());

    assertThat(pipeline.poll()).isEqualTo(POLL);
    assertThat(pipeline.sync()).isInstanceOf(SyncResult.FetchFailed.class);
    assertThat(reasons()).contains(Reason.FETCH_FAILED.text());
    assertThat(accepted.current()).isEmpty();
  }

  @Test
  void aSinkThatRefusesRejectsTheRevisionBeforeTheStoreSwitches() {
    String first = repo.commit("one", Map.of("nodes/web-1.txt", "echo one"));
    List<String> storedWhenAsked = new ArrayList<>();
    sinks.add(
        next -> {
          storedWhenAsked.add(store.currentRevision().map(RevisionInfo::getId).orElse("none"));
          if (!next.id().endsWith(first)) {
            throw new RevisionSink.Refused("coordination records not written: disk full");
          }
        });
    RevisionPipeline pipeline = pipeline();
    pipeline.sync();
    String served = plans.plan("web-1").orElseThrow().getHash();
    repo.commit("two", Map.of("nodes/web-1.txt", "echo two"));

    SyncResult result = pipeline.sync();

    assertThat(storedWhenAsked).containsExactly("none", "main@sha1:" + first);
    assertThat(result).isInstanceOf(SyncResult.Rejected.class);
    assertThat(result.revisionOrNull().getErrorsList())
        .containsExactly("<revision>:1:1: coordination records not written: disk full");
    assertThat(store.currentRevision().map(RevisionInfo::getId)).hasValue("main@sha1:" + first);
    assertThat(accepted.current().map(AcceptedRevision::id)).hasValue("main@sha1:" + first);
    assertThat(plans.plan("web-1").orElseThrow().getHash()).isEqualTo(served);
  }

  @Test
  void aHundredNodesJoiningTogetherCostOnePass() {
    repo.commit("one", Map.of("all.txt", "echo {{role}}"));
    RevisionPipeline pipeline = pipeline();
    pipeline.sync();
    ByHand worker = new ByHand();
    NodeChanges changes = new NodeChanges(pipeline::nodesChanged, worker);
    List<CompletableFuture<Void>> joined = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String name = "web-" + i;
      store.saveNode(
          NodeInfo.newBuilder().setName(name).putLabels("role", "web").build(), clock.instant());
      joined.add(changes.changed(name));
    }
    assertThat(joined).noneMatch(CompletableFuture::isDone);
    assertThat(plans.plan("web-0")).isEmpty(); // nothing compiled on the callers' thread

    worker.runAll();

    assertThat(changes.passes()).isEqualTo(1);
    assertThat(compiler.calls()).isEqualTo(2); // the revision, then one pass for all 100
    assertThat(joined).allMatch(CompletableFuture::isDone);
    for (int i = 0; i < 100; i++) {
      assertThat(plans.plan("web-" + i)).isPresent();
    }
    assertThat(accepted.current().orElseThrow().plans()).hasSize(100);
    assertThat(store.currentPlans()).hasSize(100);
  }

  @Test
  void restoreServesTheStoredRevisionWithoutCompiling() {
    String sha = repo.commit("one", Map.of("nodes/web-1.txt", "echo one"));
    pipeline().sync();
    String served = plans.plan("web-1").orElseThrow().getHash();
    source.close();
    AcceptedRevisions restarted = new AcceptedRevisions();
    PlanRegistry fresh = new PlanRegistry();
    TextCompiler counting = new TextCompiler();
    source =
        GitSource.open(
            ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data")).source());

    new RevisionPipeline(
            source,
            counting,
            store,
            fresh,
            new EventLog(store, clock),
            new Metrics(),
            clock,
            restarted,
            List.of(),
            POLL)
        .restore();

    assertThat(restarted.current().map(AcceptedRevision::id)).hasValue("main@sha1:" + sha);
    assertThat(restarted.current().orElseThrow().admitted().tree().paths())
        .contains("nodes/web-1.txt");
    assertThat(fresh.plan("web-1").map(p -> p.getHash())).hasValue(served);
    assertThat(counting.calls()).isZero();
  }

  private List<String> reasons() {
    return store.listEvents(EventQuery.after(0)).stream().map(e -> e.getReason()).toList();
  }

  /** An executor whose tasks run when the test says. */
  private static final class ByHand implements Executor {
    private final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.removeFirst().run();
      }
    }
  }
}
