package dev.eden.agent.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageActionTest {
  @TempDir Path tmp;

  private Sandbox host(String family, FakeRunner runner) {
    Sandbox box = new Sandbox(Path.of("/"));
    box.runner = runner;
    box.facts = Sandbox.struct("{'os':{'family':'" + family + "'}}");
    return box;
  }

  @Test
  void aptQueriesOnceAndInstallsOnlyWhatIsMissingInOneCall() {
    FakeRunner runner = new FakeRunner().answer("dpkg-query", 1, "curl\tii \nnginx\tun \n");
    Outcome o = host("debian", runner).apply("pkg.installed", "{'names':['curl','nginx','jq']}");
    assertThat(o.message()).isEqualTo("installed nginx jq");
    assertThat(runner.calls)
        .containsExactly(
            List.of(
                "dpkg-query",
                "-W",
                "-f=${Package}\\t${db:Status-Abbrev}\\n",
                "curl",
                "nginx",
                "jq"),
            List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "nginx", "jq"));
  }

  @Test
  void installedPackageIsUnchanged() {
    FakeRunner runner = new FakeRunner().answer("dpkg-query", 0, "curl:amd64\tii \n");
    Outcome o = host("debian", runner).apply("pkg.installed", "{'name':'curl'}");
    assertThat(o).isInstanceOf(Outcome.Unchanged.class);
    assertThat(runner.calls).hasSize(1);
  }

  @Test
  void dnfRemovesInstalledOnes() {
    FakeRunner runner =
        new FakeRunner().answer("rpm -q", 1, "telnet\npackage rsh is not installed\n");
    Outcome o = host("rhel", runner).apply("pkg.removed", "{'names':['telnet','rsh']}");
    assertThat(o.message()).isEqualTo("removed telnet");
    assertThat(runner.calls.get(1)).containsExactly("dnf", "remove", "-y", "-q", "telnet");
  }

  @Test
  void dryRunQueriesButChangesNothing() {
    FakeRunner runner = new FakeRunner().answer("dpkg-query", 1, "");
    Outcome o = host("debian", runner).dryRun("pkg.installed", "{'name':'jq'}");
    assertThat(o.message()).isEqualTo("would install jq");
    assertThat(runner.calls).hasSize(1);
  }

  @Test
  void failuresAndBadParameters() {
    FakeRunner runner =
        new FakeRunner().answer("dpkg-query", 1, "").answer("apt-get", 100, "E: Unable to locate");
    assertThat(host("debian", runner).apply("pkg.installed", "{'name':'nope'}").message())
        .contains("exit code 100");
    assertThat(host("debian", runner).apply("pkg.installed", "{}").message())
        .contains("'name' or 'names'");
    assertThat(host("debian", runner).apply("pkg.installed", "{'name':'a;rm -rf'}").message())
        .contains("not a package name");
    assertThat(host("plan9", runner).apply("pkg.installed", "{'name':'x'}").message())
        .contains("os.family 'plan9'");
  }

  @Test
  void refusesToTouchTheHostUnderARoot() {
    FakeRunner runner = new FakeRunner();
    Sandbox box = new Sandbox(tmp);
    box.runner = runner;
    box.facts = Sandbox.struct("{'os':{'family':'debian'}}");
    assertThat(box.apply("pkg.installed", "{'name':'jq'}")).isInstanceOf(Outcome.Skipped.class);
    assertThat(runner.calls).isEmpty();
  }
}
