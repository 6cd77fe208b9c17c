package dev.eden.agent.beacon;

import static dev.eden.agent.beacon.Beacons.beacon;
import static dev.eden.agent.beacon.Beacons.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import dev.eden.agent.action.Actions;
import dev.eden.agent.fs.RootFs;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.LocalState;
import dev.eden.agent.state.OutboxEntry;
import dev.eden.proto.Event;
import dev.eden.proto.PlanBeacon;
import dev.eden.testkit.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on a clock that only moves when the test says, checks run inline unless queued. */
class BeaconRunnerTest {
  private static final String OK_FILE = "{'cmd':'test -f \\\"$EDEN_ROOT/ok\\\"'}";
  @TempDir Path tmp;
  final FakeClock clock = new FakeClock();
  final AtomicInteger told = new AtomicInteger();
  Path root;
  LocalState state;
  BeaconRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    state = LocalState.open(tmp.resolve("data"));
    runner = runner(Runnable::run);
  }

  @AfterEach
  void tearDown() {
    runner.close();
    state.close();
  }

  private BeaconRunner runner(Executor workers) {
    BeaconCheck check =
        new BeaconCheck(
            Actions.standard(),
            RootFs.at(root),
            new ProcessRunner(),
            "web-1",
            Map.of(),
            Struct::getDefaultInstance);
    return BeaconRunner.manual(check, state, clock, "web-1", workers, told::incrementAndGet);
  }

  /** Simulates an agent restart: the same agent.db, a new runner with the same plan. */
  private void restart(PlanBeacon b) {
    runner.close();
    state.close();
    state = LocalState.open(tmp.resolve("data"));
    runner = runner(Runnable::run);
    runner.update(plan("h1", b));
  }

  private List<Event> outboxEvents() {
    List<Event> out = new ArrayList<>();
    for (OutboxEntry e : state.outbox(100)) {
      if (e instanceof OutboxEntry.Events ev) {
        out.addAll(ev.events().getEventsList());
      }
    }
    return out;
  }

  private void healthy(boolean ok) throws Exception {
    if (ok) {
      Files.writeString(root.resolve("ok"), "");
    } else {
      Files.deleteIfExists(root.resolve("ok"));
    }
  }

  @Test
  void runsFirstAtOnceThenEveryInterval() {
    runner.update(plan("h1", beacon("ops/ok", 10_000, "cmd.run", OK_FILE)));
    assertThat(runner.runDue()).isEqualTo(1);
    assertThat(runner.runDue()).isZero();
    clock.advance(Duration.ofSeconds(9));
    assertThat(runner.runDue()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(runner.runDue()).isEqualTo(1);
    assertThat(runner.nextDue()).contains(clock.instant().plusSeconds(10));
  }

  @Test
  void aFailingCheckQueuesAWarningAboutTheBeaconWithItsOwnIdEachTime() throws Exception {
    runner.update(plan("h1", beacon("ops/ok", 10_000, "cmd.run", OK_FILE)));
    runner.runDue();
    clock.advance(Duration.ofSeconds(10));
    runner.runDue();

    List<Event> events = outboxEvents();
    assertThat(events).hasSize(2);
    assertThat(told.get()).isEqualTo(2);
    Event first = events.get(0);
    assertThat(first.getType()).isEqualTo(Event.Type.WARNING);
    assertThat(first.getReason()).isEqualTo("CheckFailed");
    assertThat(first.getObject().getKind()).isEqualTo("Beacon");
    assertThat(first.getObject().getNamespace()).isEqualTo("ops");
    assertThat(first.getObject().getName()).isEqualTo("ok");
    assertThat(first.getNode()).isEqualTo("web-1");
    assertThat(first.getRevision()).isEqualTo("main@sha1:h1");
    assertThat(first.getMessage()).isEqualTo("exit code 1");
    assertThat(first.getLabelsMap()).isEqualTo(Map.of("beacon", "ops/ok", "result", "fail"));
    assertThat(events.get(1).getId()).isNotEqualTo(first.getId());

    healthy(true);
    clock.advance(Duration.ofSeconds(10));
    runner.runDue();
    assertThat(outboxEvents()).hasSize(2);
  }

  @Test
  void aRestartRemembersAFailureSoTheRecoveryIsStillTold() throws Exception {
    PlanBeacon b = beacon("ops/ok", 10_000, "cmd.run", OK_FILE, "recovery");
    runner.update(plan("h1", b));
    runner.runDue();
    assertThat(outboxEvents()).isEmpty();

    restart(b);
    healthy(true);
    runner.runDue();
    assertThat(outboxEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo(Event.Type.NORMAL))
        .satisfies(e -> assertThat(e.getLabelsMap()).containsEntry("result", "pass"));
  }

  @Test
  void aRestartInventsNoChangeWhileTheResultStaysTheSame() throws Exception {
    PlanBeacon b = beacon("ops/ok", 10_000, "cmd.run", OK_FILE, "change");
    runner.update(plan("h1", b));
    runner.runDue();
    assertThat(outboxEvents()).hasSize(1);

    restart(b);
    runner.runDue();
    assertThat(outboxEvents()).hasSize(1);

    healthy(true);
    restart(b);
    runner.runDue();
    assertThat(outboxEvents()).hasSize(2);
    restart(b);
    runner.runDue();
    assertThat(outboxEvents()).hasSize(2);
  }

  @Test
  void aPlanChangeKeepsUnchangedBeaconsOnTheirScheduleAndStopsRemovedOnes() throws Exception {
    PlanBeacon a = beacon("ops/a", 10_000, "cmd.run", OK_FILE);
    PlanBeacon b = beacon("ops/b", 10_000, "cmd.run", OK_FILE);
    runner.update(plan("h1", a, b));
    assertThat(runner.runDue()).isEqualTo(2);
    assertThat(state.lastBeacon("ops/b")).isPresent();

    clock.advance(Duration.ofSeconds(5));
    PlanBeacon c = beacon("ops/c", 10_000, "cmd.run", OK_FILE);
    runner.update(plan("h2", a, c));
    assertThat(runner.names()).containsExactly("ops/a", "ops/c");
    assertThat(state.lastBeacon("ops/b")).isEmpty();
    assertThat(state.lastBeacon("ops/a")).isPresent();
    assertThat(runner.runDue()).as("only the new beacon is due").isEqualTo(1);
    assertThat(state.lastBeacon("ops/c")).isPresent();

    clock.advance(Duration.ofSeconds(5));
    assertThat(runner.runDue()).as("a keeps its 10 s rhythm").isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    assertThat(runner.runDue()).as("c is due 10 s after its first run").isEqualTo(1);
    List<String> about = outboxEvents().stream().map(e -> e.getObject().getName()).toList();
    assertThat(about).containsExactly("a", "b", "c", "a", "c");
  }

  @Test
  void neverRunsOneBeaconTwiceAtOnceEvenAcrossAChangedDefinition() {
    runner.close();
    List<Runnable> queued = new ArrayList<>();
    runner = runner(queued::add);
    runner.update(plan("h1", beacon("ops/a", 1_000, "cmd.run", OK_FILE)));
    assertThat(runner.runDue()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(5));
    assertThat(runner.runDue()).as("still running").isZero();

    runner.update(plan("h2", beacon("ops/a", 2_000, "cmd.run", OK_FILE)));
    assertThat(runner.runDue()).as("the old definition is still running").isZero();
    queued.remove(0).run();
    assertThat(outboxEvents()).as("the result of a replaced definition is dropped").isEmpty();
    assertThat(runner.runDue()).isEqualTo(1);
    queued.remove(0).run();
    assertThat(outboxEvents()).hasSize(1);
  }

  @Test
  void aClosedRunnerStartsNothing() {
    runner.update(plan("h1", beacon("ops/a", 1_000, "cmd.run", OK_FILE)));
    runner.close();
    assertThat(runner.runDue()).isZero();
    assertThat(state.lastBeacon("ops/a")).isEmpty();
  }
}
