package dev.eden.agent.exec;

import static dev.eden.agent.exec.Plans.plan;
import static dev.eden.agent.exec.Plans.struct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.agent.action.Actions;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.LocalState;
import dev.eden.agent.state.OutboxEntry;
import dev.eden.common.WireText;
import dev.eden.proto.Condition;
import dev.eden.proto.Conditions;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.NodePlan;
import dev.eden.proto.Origin;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunTrigger;
import dev.eden.proto.StepResult.Status;
import dev.eden.proto.TaskBookMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatchedRunsTest {
  @TempDir Path tmp;
  Path root;
  Path data;
  ApplyOptions opts;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    data = tmp.resolve("data");
    opts = ApplyOptions.defaults().withRoot(root).withTrigger(RunTrigger.RUN_TRIGGER_PLAN_CHANGED);
  }

  private static DispatchedRun dispatched(String id, String cmd) {
    PlanStep step =
        PlanStep.newBuilder()
            .setId(id + "/ops/fix/append")
            .setTaskbook("ops/fix")
            .setName("append")
            .setAction("cmd.run")
            .setMode(TaskBookMode.MANUAL)
            .setParameters(struct("{'cmd':'" + cmd + "'}"))
            .build();
    return DispatchedRun.newBuilder()
        .setId(id)
        .setTaskbook("ops/fix")
        .setOrigin(Origin.newBuilder().setUser("ana"))
        .addSteps(step)
        .build();
  }

  private NodePlan planWith(DispatchedRun... runs) {
    return plan("web-1", "h1").toBuilder().addAllDispatched(List.of(runs)).build();
  }

  private Executor executor(LocalState state) {
    return new Executor(
        Actions.standard(), new ProcessRunner(), Clock.systemUTC(), Optional.of(state), true);
  }

  private String log() throws Exception {
    Path f = root.resolve("log");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  @Test
  void eachDispatchRunsOnceAsItsOwnReportedRunAlsoAfterARestart() throws Exception {
    String append = "echo ran >> " + root.resolve("log");
    NodePlan plan = planWith(dispatched("d-1", append), dispatched("d-2", append));
    try (LocalState state = LocalState.open(data)) {
      List<RunReport> reports = executor(state).applyDispatched(plan, opts);

      assertThat(reports).extracting(RunReport::getDispatchId).containsExactly("d-1", "d-2");
      assertThat(reports)
          .allSatisfy(r -> assertThat(WireText.of(r.getTrigger())).isEqualTo("dispatch"));
      assertThat(reports.get(0).getSteps(0).getStatus()).isEqualTo(Status.CHANGED);
      assertThat(reports.get(0).getSteps(0).getStepId()).isEqualTo("d-1/ops/fix/append");
      assertThat(state.outbox(10))
          .filteredOn(e -> e instanceof OutboxEntry.Run)
          .extracting(e -> ((OutboxEntry.Run) e).report().getDispatchId())
          .containsExactly("d-1", "d-2");
      assertThat(executor(state).applyDispatched(plan, opts)).isEmpty();
    }
    try (LocalState reopened = LocalState.open(data)) {
      assertThat(executor(reopened).applyDispatched(plan, opts)).isEmpty();
      assertThat(reopened.dispatchFinished("d-1")).isTrue();
    }
    assertThat(log()).isEqualTo("ran\nran\n");
  }

  @Test
  void conditionsOfADispatchedRunSeeItsEvent() throws Exception {
    String append = "echo ran >> " + root.resolve("log");
    DispatchedRun base = dispatched("d-1", append);
    PlanStep guarded =
        base.getSteps(0).toBuilder()
            .setConditions(
                Conditions.newBuilder()
                    .setWhen(
                        Condition.newBuilder()
                            .setExpression("event.reason == 'HealthzMissing' && event.count >= 2")))
            .build();
    DispatchedRun matching =
        base.toBuilder()
            .setSteps(0, guarded)
            .setEvent(struct("{'reason':'HealthzMissing','count':2}"))
            .build();
    DispatchedRun other =
        matching.toBuilder()
            .setId("d-2")
            .setEvent(struct("{'reason':'DiskFull','count':5}"))
            .build();
    try (LocalState state = LocalState.open(data)) {
      List<RunReport> reports = executor(state).applyDispatched(planWith(matching, other), opts);

      assertThat(reports)
          .extracting(r -> r.getDispatchId() + ":" + r.getSteps(0).getStatus())
          .containsExactly("d-1:CHANGED", "d-2:SKIPPED");
    }
    assertThat(log()).isEqualTo("ran\n");
  }

  @Test
  void aFailedDispatchIsReportedAndNotRunAgain() {
    NodePlan plan = planWith(dispatched("d-1", "exit 3"));
    try (LocalState state = LocalState.open(data)) {
      RunReport failed = executor(state).applyDispatched(plan, opts).get(0);

      assertThat(failed.getSteps(0).getStatus()).isEqualTo(Status.FAILED);
      assertThat(failed.getDispatchId()).isEqualTo("d-1");
      assertThat(executor(state).applyDispatched(plan, opts)).isEmpty();
    }
  }

  @Test
  void aDryRunIsReportedButNotRemembered() throws Exception {
    NodePlan plan = planWith(dispatched("d-1", "echo ran >> " + root.resolve("log")));
    try (LocalState state = LocalState.open(data)) {
      RunReport dry = executor(state).applyDispatched(plan, opts.withDryRun(true)).get(0);

      assertThat(dry.getDryRun()).isTrue();
      assertThat(state.dispatchFinished("d-1")).isFalse();
      assertThat(log()).isEmpty();
      assertThat(executor(state).applyDispatched(plan, opts)).hasSize(1);
      assertThat(log()).isEqualTo("ran\n");
    }
  }

  @Test
  void regularStepsDoNotRunDispatchedOnes() throws Exception {
    NodePlan plan = planWith(dispatched("d-1", "echo ran >> " + root.resolve("log")));
    try (LocalState state = LocalState.open(data)) {
      RunReport regular = executor(state).apply(plan, opts);

      assertThat(regular.getStepsCount()).isZero();
      assertThat(regular.getDispatchId()).isEmpty();
      assertThat(log()).isEmpty();
    }
  }
}
