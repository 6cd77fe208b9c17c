package dev.eden.agent.coord;

import static dev.eden.agent.exec.Plans.plan;
import static dev.eden.agent.exec.Plans.step;
import static dev.eden.agent.exec.Plans.struct;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.agent.action.Actions;
import dev.eden.agent.cond.Conditions;
import dev.eden.agent.exec.ApplyOptions;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.proto.Condition;
import dev.eden.proto.Conditions.Builder;
import dev.eden.proto.DeferredRef;
import dev.eden.proto.Export;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent's executor with its step gate: plans with coordination, exports and conditions. */
@Timeout(60)
class CoordinatedExecutorTest {

  @TempDir Path dir;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private CoordinationFixture fixture;

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (fixture != null) {
      fixture.close();
    }
  }

  private Executor executor(String node) throws CoordinationFailure {
    StepGates gates =
        new StepGates(
            Optional.of(fixture.agent(node, Map.of("role", "worker"))),
            new Conditions(Pause.REAL),
            Map.of("role", "worker"));
    return new Executor(
        Actions.standard(), new ProcessRunner(), Clock.systemUTC(), Optional.empty(), false, gates);
  }

  private static NodePlan joinPlan(String node) {
    PlanStep token =
        step("token", "cmd.run", "{'cmd':'echo s3cr3t-token'}").toBuilder()
            .setRunOptions(RunOptions.newBuilder().setTargetLimit(1).setTargetCandidate(true))
            .setExport(Export.newBuilder().setName("join-token").setVisibleTo("role=worker"))
            .build();
    PlanStep join =
        step("join", "file.managed", "{'path':'/join','content':'@@EXP@@'}", "token").toBuilder()
            .addDeferred(
                DeferredRef.newBuilder()
                    .setKind(DeferredRef.Kind.EXPORT)
                    .setName("join-token")
                    .setToken("@@EXP@@"))
            .build();
    return plan(node, "abc", token, join);
  }

  @Test
  void tokenMadeOnceIsReadByEveryWorker() throws Exception {
    fixture = new CoordinationFixture(dir);
    fixture.accepted("main@sha1:abc", Map.of("n1", joinPlan("n1"), "n2", joinPlan("n2")));
    Executor n1 = executor("n1");
    Executor n2 = executor("n2");
    Path root1 = Files.createDirectories(dir.resolve("n1"));
    Path root2 = Files.createDirectories(dir.resolve("n2"));

    Future<RunReport> r2 =
        pool.submit(() -> n2.apply(joinPlan("n2"), ApplyOptions.defaults().withRoot(root2)));
    Future<RunReport> r1 =
        pool.submit(() -> n1.apply(joinPlan("n1"), ApplyOptions.defaults().withRoot(root1)));

    RunReport one = r1.get(30, TimeUnit.SECONDS);
    RunReport two = r2.get(30, TimeUnit.SECONDS);
    assertThat(one.getSteps(0).getStatus()).isEqualTo(Status.CHANGED);
    assertThat(two.getSteps(0).getStatus()).isEqualTo(Status.CHANGED);
    assertThat(two.getSteps(0).getMessage()).startsWith("ran on n1");
    assertThat(one.getSteps(1).getStatus())
        .as(one.getSteps(1).getMessage())
        .isEqualTo(Status.CHANGED);
    assertThat(two.getSteps(1).getStatus())
        .as(two.getSteps(1).getMessage())
        .isEqualTo(Status.CHANGED);
    assertThat(Files.readString(root1.resolve("join"))).isEqualTo("s3cr3t-token");
    assertThat(Files.readString(root2.resolve("join"))).isEqualTo("s3cr3t-token");
  }

  @Test
  void whenConditionSkipsAStepOnNodesItDoesNotHoldFor() throws Exception {
    Builder conditions =
        dev.eden.proto.Conditions.newBuilder()
            .setWhen(Condition.newBuilder().setExpression("facts.os.family == 'debian'"));
    PlanStep apt =
        step("apt", "file.managed", "{'path':'/etc/apt.conf','content':'x'}").toBuilder()
            .setConditions(conditions)
            .build();
    Path root = Files.createDirectories(dir.resolve("local"));
    ApplyOptions opts =
        ApplyOptions.defaults().withRoot(root).withFacts(struct("{'os':{'family':'redhat'}}"));

    RunReport report = new Executor(Clock.systemUTC()).apply(plan("n", "h", apt), opts);

    assertThat(report.getSteps(0).getStatus()).isEqualTo(Status.SKIPPED);
    assertThat(report.getSteps(0).getMessage())
        .isEqualTo("condition 'when' is false: facts.os.family == 'debian'");
    assertThat(root.resolve("etc/apt.conf")).doesNotExist();
  }
}
