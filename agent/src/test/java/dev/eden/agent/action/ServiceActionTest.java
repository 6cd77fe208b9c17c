package dev.eden.agent.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceActionTest {
  private static final String SHOW = "systemctl show -p LoadState,ActiveState,UnitFileState nginx";

  private Sandbox host(FakeRunner runner) {
    Sandbox box = new Sandbox(Path.of("/"));
    box.runner = runner;
    return box;
  }

  @Test
  void startsAndEnablesAStoppedService() {
    FakeRunner r =
        new FakeRunner()
            .answer(SHOW, 0, "LoadState=loaded\nActiveState=inactive\nUnitFileState=disabled\n");
    Outcome o = host(r).apply("service.running", "{'name':'nginx','enabled':true}");
    assertThat(o.message()).isEqualTo("enable nginx, start nginx");
    assertThat(r.calls)
        .containsExactly(
            List.of("systemctl", "show", "-p", "LoadState,ActiveState,UnitFileState", "nginx"),
            List.of("systemctl", "enable", "nginx"),
            List.of("systemctl", "start", "nginx"));
  }

  @Test
  void runningServiceIsUnchangedUnlessAWatchedStepChanged() {
    FakeRunner r =
        new FakeRunner()
            .answer(SHOW, 0, "LoadState=loaded\nActiveState=active\nUnitFileState=enabled\n");
    Sandbox box = host(r);
    String params = "{'name':'nginx','enabled':true,'reloadOn':['nginx config']}";
    assertThat(box.apply("service.running", params)).isInstanceOf(Outcome.Unchanged.class);
    box.changed = Set.of("nginx config");
    assertThat(box.apply("service.running", params).message()).isEqualTo("restart nginx");
  }

  @Test
  void stopsARunningService() {
    FakeRunner r =
        new FakeRunner()
            .answer(SHOW, 0, "LoadState=loaded\nActiveState=active\nUnitFileState=enabled");
    assertThat(host(r).dryRun("service.stopped", "{'name':'nginx'}").message())
        .isEqualTo("would stop nginx");
    assertThat(r.calls).hasSize(1);
  }

  @Test
  void missingServiceAndBadParametersFail() {
    FakeRunner r = new FakeRunner().answer(SHOW, 0, "LoadState=not-found\nActiveState=inactive");
    assertThat(host(r).apply("service.running", "{'name':'nginx'}").message())
        .contains("not found");
    assertThat(host(r).apply("service.running", "{}").message())
        .contains("missing parameter 'name'");
    assertThat(host(r).apply("service.stopped", "{'name':'x','reloadOn':['y']}").message())
        .contains("unknown parameter 'reloadOn'");
    assertThat(host(r).apply("service.running", "{'name':'nginx','enabled':'maybe'}").message())
        .contains("true or false");
  }
}
