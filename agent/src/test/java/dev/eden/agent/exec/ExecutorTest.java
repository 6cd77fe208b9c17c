package dev.eden.agent.exec;

import static dev.eden.agent.exec.Plans.plan;
import static dev.eden.agent.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.agent.action.Actions;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.report.RunPrinter;
import dev.eden.agent.state.LocalState;
import dev.eden.proto.DeferredRef;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import dev.eden.proto.StepResult.Status;
import dev.eden.proto.TaskBookMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
  @TempDir Path tmp;
  Path root;
  ApplyOptions opts;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    opts = ApplyOptions.defaults().withRoot(root);
  }

  private static Status[] statuses(RunReport r) {
    return r.getStepsList().stream().map(StepResult::getStatus).toArray(Status[]::new);
  }

  @Test
  void appliesStepsInOrderThenConverges() throws Exception {
    NodePlan p =
        plan(
            "web-1",
            "h1",
            step("dir", "directory", "{'path':'/etc/app'}"),
            step("conf", "file.managed", "{'path':'/etc/app/a.conf','content':'x=1\\n'}", "dir"));
    Executor ex = new Executor(Clock.systemUTC());
    RunReport first = ex.apply(p, opts);
    assertThat(statuses(first)).containsExactly(Status.CHANGED, Status.CHANGED);
    assertThat(first.getNode()).isEqualTo("web-1");
    assertThat(first.getPlanHash()).isEqualTo("h1");
    assertThat(Files.readString(root.resolve("etc/app/a.conf"))).isEqualTo("x=1\n");
    RunReport second = ex.apply(p, opts);
    assertThat(statuses(second)).containsExactly(Status.UNCHANGED, Status.UNCHANGED);
  }

  @Test
  void sensitiveStepsReportNoDiff() {
    PlanStep secret =
        step("key", "file.managed", "{'path':'/key','content':'s3cret'}").toBuilder()
            .setSensitive(true)
            .build();
    RunReport r = new Executor(Clock.systemUTC()).apply(plan("n", "h", secret), opts);
    assertThat(r.getSteps(0).getStatus()).isEqualTo(Status.CHANGED);
    assertThat(r.getSteps(0).getDiff()).isEmpty();
    assertThat(r.toString()).doesNotContain("s3cret");
  }

  @Test
  void dryRunChangesNothing() {
    NodePlan p = plan("n", "h", step("dir", "directory", "{'path':'/srv'}"));
    RunReport r = new Executor(Clock.systemUTC()).apply(p, opts.withDryRun(true));
    assertThat(r.getDryRun()).isTrue();
    assertThat(r.getSteps(0).getMessage()).startsWith("would create");
    assertThat(root.resolve("srv")).doesNotExist();
  }

  @Test
  void stepAfterAFailedOrSkippedRequirementIsSkipped() {
    NodePlan p =
        plan(
            "n",
            "h",
            step("boom", "cmd.run", "{'cmd':'exit 1'}"),
            step("after", "cmd.run", "{'cmd':'true'}", "boom"),
            step("after-after", "cmd.run", "{'cmd':'true'}", "after"),
            step("free", "cmd.run", "{'cmd':'true'}"));
    RunReport r = new Executor(Clock.systemUTC()).apply(p, opts);
    assertThat(statuses(r))
        .containsExactly(Status.FAILED, Status.SKIPPED, Status.SKIPPED, Status.CHANGED);
    assertThat(r.getSteps(1).getMessage()).isEqualTo("requirement 'ops/book/boom' failed");
    assertThat(r.getSteps(2).getMessage()).isEqualTo("requirement 'ops/book/after' was skipped");
    assertThat(Reports.succeeded(r)).isFalse();
  }

  @Test
  void outputTokensAreReplacedByAnEarlierStepsOutput() throws Exception {
    PlanStep gen = step("gen", "cmd.run", "{'cmd':'echo s3cr3t'}");
    PlanStep use =
        step("use", "file.managed", "{'path':'/token','content':'token=@@OUT@@'}", "gen")
            .toBuilder()
            .addDeferred(
                DeferredRef.newBuilder()
                    .setKind(DeferredRef.Kind.OUTPUT)
                    .setName("ops/book/gen")
                    .setToken("@@OUT@@"))
            .build();
    RunReport r = new Executor(Clock.systemUTC()).apply(plan("n", "h", gen, use), opts);
    assertThat(statuses(r)).containsExactly(Status.CHANGED, Status.CHANGED);
    assertThat(Files.readString(root.resolve("token"))).isEqualTo("token=s3cr3t");
  }

  @Test
  void exportTokensFailClearly() {
    PlanStep use =
        step("use", "cmd.run", "{'cmd':'echo @@EXP@@'}").toBuilder()
            .addDeferred(
                DeferredRef.newBuilder()
                    .setKind(DeferredRef.Kind.EXPORT)
                    .setName("join-token")
                    .setToken("@@EXP@@"))
            .build();
    RunReport r = new Executor(Clock.systemUTC()).apply(plan("n", "h", use), opts);
    assertThat(r.getSteps(0).getMessage()).contains("need a reconciler");
  }

  @Test
  void reloadOnSeesStepsThatChangedEarlierInTheRun() {
    NodePlan p =
        plan(
            "n",
            "h",
            step("conf", "file.managed", "{'path':'/c','content':'1'}"),
            step("probe", "cmd.run", "{'cmd':'true','unless':'true'}"));
    RunReport r = new Executor(Clock.systemUTC()).apply(p, opts);
    assertThat(statuses(r)).containsExactly(Status.CHANGED, Status.UNCHANGED);
  }

  @Test
  void runsAreNumberedRecordedAndLocked() throws Exception {
    Path data = tmp.resolve("data");
    NodePlan p = plan("n", "h", step("dir", "directory", "{'path':'/srv'}"));
    try (LocalState state = LocalState.open(data)) {
      Executor ex =
          new Executor(
              Actions.standard(), new ProcessRunner(), Clock.systemUTC(), Optional.of(state), true);
      assertThat(ex.apply(p, opts).getRunNumber()).isEqualTo(1);
      assertThat(ex.apply(p, opts).getRunNumber()).isEqualTo(2);
      assertThat(state.runs(10)).extracting(s -> s.runNumber()).containsExactly(2L, 1L);
      assertThat(state.lastStatus("ops/book/dir")).contains("UNCHANGED");
      assertThat(state.outboxSize()).isEqualTo(4);
      try (RunLock held = RunLock.take(data)) {
        assertThat(held).isNotNull();
        assertThatThrownBy(() -> ex.apply(p, opts)).isInstanceOf(RunInProgressException.class);
      }
    }
  }

  @Test
  void onceStepsRunOncePerVersionOfTheStep() throws Exception {
    PlanStep once =
        step("init", "cmd.run", "{'cmd':'echo x >> \\\"$EDEN_ROOT/log\\\"'}").toBuilder()
            .setMode(TaskBookMode.ONCE)
            .build();
    try (LocalState state = LocalState.open(tmp.resolve("data"))) {
      Executor ex = Executor.withState(state, Clock.systemUTC());
      ex.apply(plan("n", "h", once), opts);
      RunReport again = ex.apply(plan("n", "h", once), opts);
      assertThat(again.getSteps(0).getStatus()).isEqualTo(Status.SKIPPED);
      assertThat(Files.readAllLines(root.resolve("log"))).hasSize(1);
    }
  }

  @Test
  void coordinationFailsClearlyWithoutAReconciler() {
    PlanStep limited =
        step("one", "cmd.run", "{'cmd':'true'}").toBuilder()
            .setRunOptions(dev.eden.proto.RunOptions.newBuilder().setTargetLimit(1))
            .build();
    RunReport r = new Executor(Clock.systemUTC()).apply(plan("n", "h", limited), opts);
    assertThat(r.getSteps(0).getMessage()).contains("need a reconciler");
  }

  @Test
  void humanOutputHasOneAlignedLinePerStepAndASummary() {
    NodePlan p =
        plan(
            "n",
            "h",
            step("a", "cmd.run", "{'cmd':'true','unless':'true'}"),
            step("longer-name", "cmd.run", "{'cmd':'exit 2'}"),
            step("c", "directory", "{'path':'/d'}", "longer-name"));
    String text = RunPrinter.human(new Executor(Clock.systemUTC()).apply(p, opts));
    String[] lines = text.split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("✓ ops/book/a            cmd.run");
    assertThat(lines[1]).startsWith("✗ ops/book/longer-name  cmd.run").endsWith("exit code 2");
    assertThat(lines[2]).startsWith("– ops/book/c            directory");
    assertThat(lines[3]).matches("run 0: 0 changed, 1 unchanged, 1 failed, 1 skipped in .* s");
    assertThat(RunPrinter.json(new Executor(Clock.systemUTC()).apply(p, opts)))
        .contains("\"status\": \"FAILED\"");
  }
}
