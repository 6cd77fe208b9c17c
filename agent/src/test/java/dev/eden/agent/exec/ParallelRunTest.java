package dev.eden.agent.exec;

import static dev.eden.agent.exec.Plans.plan;
import static dev.eden.agent.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.agent.fs.RootFs;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelRunTest {
  @TempDir Path root;

  @Test
  void stepsWaitForParentChildAndSamePathStepsAndForRequires() {
    RootFs fs = RootFs.at(root);
    List<PlanStep> batch =
        List.of(
            step("d", "directory", "{'path':'/srv'}"),
            step("f1", "file.managed", "{'path':'/srv/a','content':'x'}"),
            step("f2", "file.managed", "{'path':'/etc/b','content':'x'}"),
            step("f1-again", "file.managed", "{'path':'/srv/a','content':'y'}"),
            step("other", "file.managed", "{'path':'/opt/c','content':'x'}", "f2"),
            step("d-mode", "directory", "{'path':'/srv','mode':'0700'}"));
    List<Path> paths = new ArrayList<>();
    batch.forEach(s -> paths.add(FileBatches.target(s, fs)));
    Map<String, Integer> ids = new java.util.HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      ids.put(batch.get(i).getId(), i);
    }
    List<List<Integer>> deps = FileBatches.dependencies(batch, paths, ids);
    assertThat(deps.get(0)).isEmpty();
    assertThat(deps.get(1)).containsExactly(0);
    assertThat(deps.get(2)).isEmpty();
    assertThat(deps.get(3)).containsExactlyInAnyOrder(1, 0);
    assertThat(deps.get(4)).containsExactly(2);
    assertThat(deps.get(5)).containsExactlyInAnyOrder(0, 1, 3);
  }

  @Test
  void commandsSymlinksAndSourcesAreBarriers() {
    RootFs fs = RootFs.at(root);
    assertThat(FileBatches.target(step("c", "cmd.run", "{'cmd':'true'}"), fs)).isNull();
    assertThat(FileBatches.target(step("l", "symlink", "{'path':'/a','target':'/b'}"), fs))
        .isNull();
    assertThat(FileBatches.target(step("s", "file.managed", "{'path':'/a','source':'/b'}"), fs))
        .isNull();
  }

  @Test
  void parallelRunGivesTheSameResultsAsASequentialOne() throws Exception {
    List<PlanStep> steps = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      steps.add(step("d" + d, "directory", "{'path':'/srv/app/d" + d + "'}"));
      for (int f = 0; f < 10; f++) {
        steps.add(
            step(
                "f" + d + "-" + f,
                "file.managed",
                "{'path':'/srv/app/d" + d + "/f" + f + "','content':'" + d + f + "'}"));
      }
    }
    steps.add(step("count", "cmd.run", "{'cmd':'ls -R \\\"$EDEN_ROOT/srv\\\" | wc -l'}"));
    steps.add(step("after", "file.managed", "{'path':'/srv/done','content':'ok'}", "count"));
    NodePlan p = plan("n", "h", steps.toArray(PlanStep[]::new));
    Executor ex = new Executor(Clock.systemUTC());
    ApplyOptions opts = ApplyOptions.defaults().withRoot(root).withParallelism(4);
    RunReport first = ex.apply(p, opts);
    assertThat(first.getStepsList())
        .extracting(StepResult::getStatus)
        .containsOnly(StepResult.Status.CHANGED);
    assertThat(first.getStepsList())
        .extracting(StepResult::getStepId)
        .containsExactlyElementsOf(steps.stream().map(PlanStep::getId).toList());
    assertThat(Files.readString(root.resolve("srv/app/d7/f3"))).isEqualTo("73");
    RunReport second = ex.apply(p, opts);
    assertThat(second.getStepsList())
        .filteredOn(s -> !s.getAction().equals("cmd.run"))
        .extracting(StepResult::getStatus)
        .containsOnly(StepResult.Status.UNCHANGED);
  }
}
