package dev.eden.agent.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmdRunTest {
  @TempDir Path root;
  Sandbox box;

  @BeforeEach
  void setUp() {
    box = new Sandbox(root);
  }

  @Test
  void runsAndReportsTrimmedStdout() {
    Outcome o = box.apply("cmd.run", "{'cmd':'echo \\'  hi  \\''}");
    assertThat(o).isInstanceOf(Outcome.Changed.class);
    assertThat(o.output()).isEqualTo("hi");
  }

  @Test
  void runsInTheRootWithEdenRootAndEnv() throws Exception {
    Files.createDirectories(root.resolve("work"));
    Outcome o =
        box.apply(
            "cmd.run",
            "{'cmd':'echo $EDEN_ROOT $GREETING; pwd','cwd':'/work','env':{'GREETING':'hey'}}");
    assertThat(o.output())
        .isEqualTo(root.toRealPath() + " hey\n" + root.toRealPath().resolve("work"));
    assertThat(box.apply("cmd.run", "{'cmd':'pwd'}").output())
        .isEqualTo(root.toRealPath().toString());
  }

  @Test
  void createsGuardSkipsWhenThePathExists() throws Exception {
    String params = "{'cmd':'touch \\\"$EDEN_ROOT/done\\\"','creates':'/done'}";
    assertThat(box.apply("cmd.run", params)).isInstanceOf(Outcome.Changed.class);
    assertThat(root.resolve("done")).exists();
    Outcome second = box.apply("cmd.run", params);
    assertThat(second).isInstanceOf(Outcome.Unchanged.class);
    assertThat(second.message()).contains("/done exists");
  }

  @Test
  void unlessAndOnlyifGuards() {
    assertThat(box.apply("cmd.run", "{'cmd':'exit 3','unless':'true'}"))
        .isInstanceOf(Outcome.Unchanged.class);
    assertThat(box.apply("cmd.run", "{'cmd':'true','unless':'false'}"))
        .isInstanceOf(Outcome.Changed.class);
    assertThat(box.apply("cmd.run", "{'cmd':'exit 3','onlyif':'false'}"))
        .isInstanceOf(Outcome.Unchanged.class);
    assertThat(box.apply("cmd.run", "{'cmd':'true','onlyif':'true'}"))
        .isInstanceOf(Outcome.Changed.class);
  }

  @Test
  void failureCarriesExitCodeAndStderr() {
    Outcome o = box.apply("cmd.run", "{'cmd':'echo oops >&2; exit 4'}");
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    assertThat(o.message()).isEqualTo("exit code 4: oops");
  }

  @Test
  void dryRunRunsNothing() {
    Outcome o = box.dryRun("cmd.run", "{'cmd':'touch \\\"$EDEN_ROOT/x\\\"'}");
    assertThat(o.message()).startsWith("would run");
    assertThat(root.resolve("x")).doesNotExist();
  }

  @Test
  void timeoutKillsTheWholeProcessGroup() throws Exception {
    Path pids = root.resolve("pids");
    String cmd = "sleep 100 & echo $! > \"$EDEN_ROOT/pids\"; sleep 100";
    Outcome o = box.apply("cmd.run", "{'cmd':'" + cmd.replace("\"", "\\\"") + "','timeout':'1s'}");
    assertThat(o).isInstanceOf(Outcome.Failed.class);
    assertThat(o.message()).contains("timed out");
    long grandchild = Long.parseLong(Files.readString(pids).strip());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(grandchild).map(h -> !h.isAlive()).orElse(true));
  }

  @Test
  void backgroundChildDoesNotHangTheRun() {
    Outcome o = box.apply("cmd.run", "{'cmd':'sleep 3 & echo started','timeout':'20s'}");
    assertThat(o.output()).isEqualTo("started");
  }

  @Test
  void badParametersFailClearly() {
    assertThat(box.apply("cmd.run", "{}").message()).isEqualTo("cmd.run: missing parameter 'cmd'");
    assertThat(box.apply("cmd.run", "{'cmd':'true','timeout':'soon'}").message())
        .contains("duration");
    assertThat(box.apply("cmd.run", "{'cmd':'true','cwd':'/nope'}").message())
        .contains("not a directory");
    assertThat(box.apply("cmd.run", "{'cmd':'true','env':'x'}").message()).contains("map");
  }
}
