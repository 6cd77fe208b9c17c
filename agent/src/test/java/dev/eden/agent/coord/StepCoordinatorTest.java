package dev.eden.agent.coord;

import static dev.eden.agent.coord.Steps.REVISION;
import static dev.eden.agent.coord.Steps.RUN;
import static dev.eden.agent.coord.Steps.SIX;
import static dev.eden.agent.coord.Steps.body;
import static dev.eden.agent.coord.Steps.changed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.DeferredRef;
import dev.eden.proto.Export;
import dev.eden.proto.LockHolding;
import dev.eden.proto.PlanStep;
import dev.eden.proto.ReadExportRequest;
import dev.eden.proto.StepResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Six agents' coordinators against one real CoordinationService. */
@Timeout(60)
class StepCoordinatorTest {

  private static final Map<String, String> WORKER = Map.of("role", "worker");

  @TempDir Path dir;
  private CoordinationFixture fixture;
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @BeforeEach
  void start() {
    fixture = new CoordinationFixture(dir);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    fixture.close();
  }

  /** Runs {@code task} for each of the six nodes on its own thread; returns outcomes by node. */
  private Map<String, Future<StepOutcome>> onSixNodes(NodeTask task) throws CoordinationFailure {
    Map<String, StepCoordinator> agents = new java.util.LinkedHashMap<>();
    for (String node : SIX) {
      agents.put(node, fixture.agent(node, WORKER));
    }
    Map<String, Future<StepOutcome>> outcomes = new java.util.LinkedHashMap<>();
    agents.forEach((node, agent) -> outcomes.put(node, pool.submit(() -> task.run(node, agent))));
    return outcomes;
  }

  @FunctionalInterface
  private interface NodeTask {
    StepOutcome run(String node, StepCoordinator agent) throws Exception;
  }

  @Test
  void serializeTwoNeverLetsMoreThanTwoNodesInsideAndAllSixRun() throws Exception {
    PlanStep step = Steps.serialized("restart", 2);
    fixture.members(REVISION, step, SIX);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch firstPair = new CountDownLatch(2);
    List<long[]> intervals = Collections.synchronizedList(new ArrayList<>());
    StepBody restart =
        body(
            p -> true,
            p -> {
              long start = System.nanoTime();
              most.accumulateAndGet(inside.incrementAndGet(), Math::max);
              firstPair.countDown();
              awaitQuietly(firstPair);
              inside.decrementAndGet();
              intervals.add(new long[] {start, System.nanoTime()});
              return changed("");
            });

    var outcomes = onSixNodes((node, agent) -> agent.run(step, RUN, Map.of(), restart));

    for (Future<StepOutcome> outcome : outcomes.values()) {
      assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo(StepResult.Status.CHANGED);
    }
    assertThat(intervals).hasSize(6);
    assertThat(most.get()).isEqualTo(2);
    for (long[] a : intervals) {
      long overlapping = intervals.stream().filter(b -> b[0] <= a[0] && a[0] < b[1]).count();
      assertThat(overlapping).isLessThanOrEqualTo(2);
    }
    assertThat(fixture.locks(LockHolding.Kind.PERMIT)).isEmpty();
  }

  @Test
  void nodeWithNothingToChangePassesWithoutAPermit() throws Exception {
    PlanStep step = Steps.serialized("restart", 1);
    fixture.members(REVISION, step, List.of("n1", "n2"));
    StepCoordinator busy = fixture.agent("n1", WORKER);
    StepCoordinator idle = fixture.agent("n2", WORKER);
    AtomicInteger applied = new AtomicInteger();

    try (Permit held = busy.acquire(step, RUN, () -> true)) {
      assertThat(held.held()).isTrue();
      StepOutcome outcome =
          idle.run(
              step,
              RUN,
              Map.of(),
              body(
                  p -> false,
                  p -> {
                    applied.incrementAndGet();
                    return new StepOutcome(StepResult.Status.UNCHANGED, "already", "");
                  }));

      assertThat(outcome.status()).isEqualTo(StepResult.Status.UNCHANGED);
      assertThat(fixture.locks(LockHolding.Kind.PERMIT))
          .extracting(LockHolding::getHolder)
          .containsExactly("n1");
    }
    assertThat(applied).hasValue(1);
    assertThat(fixture.locks(LockHolding.Kind.PERMIT)).isEmpty();
  }

  @Test
  void syncLetsNoNodeStartBeforeEveryNodeFinishedTheStepBefore() throws Exception {
    PlanStep prepare = Steps.step("prepare").build();
    PlanStep migrate = Steps.synced("migrate", 0);
    fixture.members(REVISION, migrate, SIX);
    AtomicInteger clock = new AtomicInteger();
    Map<String, Integer> prepared = new ConcurrentHashMap<>();
    Map<String, Integer> started = new ConcurrentHashMap<>();
    CountDownLatch slowNode = new CountDownLatch(1);

    var outcomes =
        onSixNodes(
            (node, agent) -> {
              agent.run(
                  prepare,
                  RUN,
                  Map.of(),
                  body(
                      p -> true,
                      p -> {
                        if (node.equals("n6")) {
                          awaitQuietly(slowNode);
                        }
                        prepared.put(node, clock.incrementAndGet());
                        return changed("");
                      }));
              return agent.run(
                  migrate,
                  RUN,
                  Map.of(),
                  body(
                      p -> true,
                      p -> {
                        started.put(node, clock.incrementAndGet());
                        return changed("");
                      }));
            });

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixture.locks(LockHolding.Kind.BARRIER).size() == 5);
    assertThat(started).isEmpty();
    slowNode.countDown();
    for (Future<StepOutcome> outcome : outcomes.values()) {
      outcome.get(30, TimeUnit.SECONDS);
    }
    assertThat(started).hasSize(6);
    assertThat(Collections.min(started.values())).isGreaterThan(Collections.max(prepared.values()));
  }

  @Test
  void syncTimeoutFailsTheStepNamingTheMissingNodes() throws Exception {
    fixture.deadNodeLease("n9", Duration.ofHours(1));
    StepCoordinator agent = fixture.agent("n1", WORKER);
    PlanStep step = Steps.synced("migrate", 5_000);
    fixture.members(REVISION, step, List.of("n1", "n9"));

    Future<?> waiting =
        pool.submit(
            () -> {
              agent.sync(step, RUN);
              return null;
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixture.locks(LockHolding.Kind.BARRIER).size() == 1);
    fixture.clock.advance(Duration.ofSeconds(6));

    assertThatThrownBy(() -> waiting.get(20, TimeUnit.SECONDS))
        .hasCauseInstanceOf(CoordinationFailure.class)
        .hasMessageContaining("timed out after PT5S")
        .hasMessageContaining("missing nodes: n9");
  }

  @Test
  void permitsOfAKilledNodeComeBackWhenItsLeaseExpires() throws Exception {
    PlanStep step = Steps.serialized("restart", 1);
    fixture.members(REVISION, step, List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6"));
    fixture.deadNodeTakesPermit("n0", step, RUN, Duration.ofSeconds(5));
    CountDownLatch checked = new CountDownLatch(6);
    AtomicInteger ran = new AtomicInteger();
    StepBody restart =
        body(
            p -> {
              checked.countDown();
              return true;
            },
            p -> {
              ran.incrementAndGet();
              return changed("");
            });

    var outcomes = onSixNodes((node, agent) -> agent.run(step, RUN, Map.of(), restart));
    assertThat(checked.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasValue(0);
    assertThat(fixture.locks(LockHolding.Kind.PERMIT))
        .extracting(LockHolding::getHolder)
        .containsExactly("n0");

    fixture.clock.advance(Duration.ofSeconds(6));

    for (Future<StepOutcome> outcome : outcomes.values()) {
      assertThat(outcome.get(30, TimeUnit.SECONDS).status()).isEqualTo(StepResult.Status.CHANGED);
    }
    assertThat(ran).hasValue(6);
  }

  @Test
  void targetLimitOneRunsOnOneNodeAndEveryNodeSeesItsExport() throws Exception {
    PlanStep makeToken =
        Steps.targeted("join token", 1).toBuilder()
            .setExport(Export.newBuilder().setName("join-token").setVisibleTo("role=worker"))
            .build();
    fixture.members(REVISION, makeToken, SIX);
    String token = "{{export 'join-token'}}";
    PlanStep join =
        Steps.step("join")
            .setParameters(Steps.params("cmd", "cluster join " + token))
            .addDeferred(
                DeferredRef.newBuilder()
                    .setKind(DeferredRef.Kind.EXPORT)
                    .setName("join-token")
                    .setToken(token))
            .build();
    List<String> ranOn = Collections.synchronizedList(new ArrayList<>());

    var outcomes =
        onSixNodes(
            (node, agent) -> {
              StepOutcome made =
                  agent.run(
                      makeToken,
                      RUN,
                      Map.of(),
                      body(
                          p -> true,
                          p -> {
                            ranOn.add(node);
                            return changed("tok-" + node);
                          }));
              assertThat(made.output()).isEqualTo("tok-n1");
              return agent.run(
                  join,
                  RUN,
                  Map.of(),
                  body(p -> true, p -> changed(p.getFieldsOrThrow("cmd").getStringValue())));
            });

    for (Future<StepOutcome> outcome : outcomes.values()) {
      assertThat(outcome.get(30, TimeUnit.SECONDS).output()).isEqualTo("cluster join tok-n1");
    }
    assertThat(ranOn).containsExactly("n1");
  }

  @Test
  void anotherNodeTakesOverWhenTheChosenNodeDies() throws Exception {
    PlanStep step = Steps.targeted("init", 1);
    fixture.members(REVISION, step, List.of("n1", "n2"));
    fixture.deadNodeClaims("n1", step, RUN, Duration.ofSeconds(5));
    StepCoordinator survivor = fixture.agent("n2", WORKER);

    Future<StepOutcome> outcome =
        pool.submit(() -> survivor.run(step, RUN, Map.of(), body(p -> true, p -> changed("ok"))));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> fixture.locks(LockHolding.Kind.CLAIM).size() == 1);
    assertThat(outcome).isNotDone();
    fixture.clock.advance(Duration.ofSeconds(6));

    assertThat(outcome.get(30, TimeUnit.SECONDS)).isEqualTo(changed("ok"));
  }

  @Test
  void aNodeThatSkipsTheStepHoldsUpNeitherTheBarrierNorTheChoice() throws Exception {
    StepCoordinator skipping = fixture.agent("n1", WORKER);
    StepCoordinator running = fixture.agent("n2", WORKER);
    PlanStep synced = Steps.synced("migrate", 0);
    PlanStep once = Steps.targeted("init", 1);
    fixture.members(REVISION, synced, List.of("n1", "n2"));
    fixture.members(REVISION, once, List.of("n1", "n2"));

    skipping.pass(synced, RUN);
    skipping.pass(once, RUN);

    running.sync(synced, RUN);
    assertThat(running.claim(once, RUN)).isEqualTo(new TargetDecision.Run());
    assertThat(fixture.locks(LockHolding.Kind.DECLINED))
        .extracting(LockHolding::getHolder)
        .containsExactly("n1");
  }

  @Test
  void anUnchangedStepWithoutOutputKeepsThePublishedExport() throws Exception {
    PlanStep token =
        Steps.step("token").setExport(Export.newBuilder().setName("join-token")).build();
    StepCoordinator agent = fixture.agent("n1", WORKER);
    agent.run(token, RUN, Map.of(), body(p -> true, p -> changed("tok-1")));

    agent.run(
        token,
        RunScope.ofRevision("main@sha1:later"),
        Map.of(),
        body(p -> false, p -> new StepOutcome(StepResult.Status.UNCHANGED, "exists", "")));

    assertThat(agent.readExport(token, "join-token")).isEqualTo("tok-1");
  }

  @Test
  void nodeOutsideVisibleToIsDeniedAndNeverSeesTheValue() throws Exception {
    PlanStep publish =
        Steps.step("token")
            .setExport(Export.newBuilder().setName("join-token").setVisibleTo("role=worker"))
            .build();
    StepCoordinator manager = fixture.agent("m1", Map.of("role", "manager"));
    StepCoordinator worker = fixture.agent("w1", WORKER);
    StepCoordinator db = fixture.agent("d1", Map.of("role", "db"));
    manager.run(publish, RUN, Map.of(), body(p -> true, p -> changed("s3cr3t")));

    assertThat(worker.readExport(publish, "join-token")).isEqualTo("s3cr3t");
    assertThatThrownBy(() -> db.readExport(publish, "join-token"))
        .isInstanceOfSatisfying(
            CoordinationFailure.class,
            f -> assertThat(f.reason()).isEqualTo(CoordinationFailure.Reason.DENIED))
        .hasMessageContaining("d1 may not read export ops/join-token")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(
            () ->
                fixture
                    .stub()
                    .readExport(
                        ReadExportRequest.newBuilder()
                            .setNamespace("ops")
                            .setName("join-token")
                            .setNode("d1")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
