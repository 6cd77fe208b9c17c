package dev.eden.agent.exec;

import static dev.eden.agent.exec.Plans.plan;
import static dev.eden.agent.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.agent.action.Actions;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.LocalState;
import dev.eden.agent.state.OutboxEntry;
import dev.eden.proto.Event;
import dev.eden.proto.NodePlan;
import dev.eden.proto.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events a run queues for the reconciler, read back from the agent's real outbox. */
class StepEventsTest {

  @TempDir Path tmp;
  private ApplyOptions opts;

  @BeforeEach
  void setUp() throws Exception {
    opts = ApplyOptions.defaults().withRoot(Files.createDirectories(tmp.resolve("root")));
  }

  private static NodePlan webPlan() {
    return plan(
        "web-1",
        "h1",
        step("app dir", "directory", "{'path':'/etc/app'}"),
        step("app config", "file.managed", "{'path':'/etc/app/a.conf','content':'x=1'}"));
  }

  /** Applies {@code plan} and returns the events queued by that run. */
  private static List<Event> eventsOf(LocalState state, NodePlan plan, ApplyOptions opts) {
    Executor ex =
        new Executor(
            Actions.standard(), new ProcessRunner(), Clock.systemUTC(), Optional.of(state), true);
    RunReport report = ex.apply(plan, opts);
    List<OutboxEntry> outbox = state.outbox(1000);
    outbox.forEach(e -> state.ack(e.seq()));
    return outbox.stream()
        .filter(OutboxEntry.Events.class::isInstance)
        .flatMap(e -> ((OutboxEntry.Events) e).events().getEventsList().stream())
        .peek(e -> assertThat(e.getLabelsMap()).containsEntry("run", report.getRunId()))
        .toList();
  }

  @Test
  void changedStepsEmitStepChangedAndUnchangedStepsNothing() {
    try (LocalState state = LocalState.open(tmp.resolve("data"))) {
      List<Event> first = eventsOf(state, webPlan(), opts);
      List<Event> second = eventsOf(state, webPlan(), opts);

      assertThat(first)
          .extracting(e -> e.getReason() + " " + e.getMessage())
          .containsExactly(
              "StepChanged app dir: created directory /etc/app",
              "StepChanged app config: " + first.get(1).getMessage().substring(12),
              "RunSucceeded run 1: 2 changed, 0 failed");
      Event changed = first.get(0);
      assertThat(changed.getType()).isEqualTo(Event.Type.NORMAL);
      assertThat(changed.getObject().getKind()).isEqualTo("TaskBook");
      assertThat(changed.getObject().getNamespace()).isEqualTo("ops");
      assertThat(changed.getObject().getName()).isEqualTo("book");
      assertThat(changed.getNode()).isEqualTo("web-1");
      assertThat(changed.getLabelsMap()).containsEntry("step", "app dir");
      assertThat(second)
          .extracting(e -> e.getReason() + " " + e.getMessage())
          .containsExactly("RunSucceeded run 2: 0 changed, 0 failed");
    }
  }

  @Test
  void aDryRunEmitsNoStepChanged() {
    try (LocalState state = LocalState.open(tmp.resolve("data"))) {
      NodePlan p = plan("web-1", "h1", step("app dir", "directory", "{'path':'/etc/app'}"));
      List<Event> events = eventsOf(state, p, opts.withDryRun(true));

      assertThat(events).extracting(Event::getReason).containsExactly("RunSucceeded");
      assertThat(events.get(0).getMessage()).isEqualTo("run 1: 1 changed, 0 failed");
    }
  }

  @Test
  void aFailedStepEmitsStepFailedWithItsStepLabel() {
    NodePlan p = plan("web-1", "h2", step("boom", "cmd.run", "{'cmd':'exit 3'}"));
    try (LocalState state = LocalState.open(tmp.resolve("data"))) {
      List<Event> events = eventsOf(state, p, opts);

      assertThat(events).extracting(Event::getReason).containsExactly("StepFailed", "RunFailed");
      assertThat(events.get(0).getType()).isEqualTo(Event.Type.WARNING);
      assertThat(events.get(0).getLabelsMap()).containsEntry("step", "boom");
      assertThat(events.get(0).getMessage()).startsWith("boom: ");
    }
  }
}
