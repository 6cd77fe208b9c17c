package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlanCommandTest {

  private static final String SAMPLE =
      Path.of("..", "schema", "src", "test", "resources", "repos", "all-kinds").toString();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Eden.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void printsTheRenderedPlanAndExplainsVariables() throws IOException {
    Path facts = dir.resolve("facts.json");
    Files.writeString(facts, "{\"ipv4\": \"10.0.0.1\"}");
    int code =
        run(
            "plan",
            "--repo",
            SAMPLE,
            "--node",
            "web-1",
            "--labels",
            "tier=web",
            "--facts",
            facts.toString(),
            "--explain");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("id: prod/web/app config[0]", "path: /etc/app/shop.conf", "listen 8081")
        .contains("mode: '0644'")
        .containsPattern(
            "prod/web +vars\\.port +8080 +Variable/prod/web-defaults web/web\\.yaml:\\d+:\\d+");
  }

  @Test
  void explainNamesWhatACombinedValueWasMadeFrom() throws IOException {
    Files.writeString(
        dir.resolve("web.yaml"),
        """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: web, namespace: prod}
        spec:
          targets: {nodes: [web-1]}
          vars:
            scheme: https
            port: 8443
            url: "{{vars.scheme}}://{{node.name}}:{{vars.port}}"
          steps:
            - {name: s, action: cmd.run, parameters: {cmd: "curl {{vars.url}}"}}
        """);

    int code = run("plan", "--repo", dir.toString(), "--node", "web-1", "--explain");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("cmd: curl https://web-1:8443")
        .contains(
            """
            TASKBOOK  KEY          VALUE               FROM                             MADE-FROM
            prod/web  vars.port    8443                TaskBook/prod/web web.yaml:8:11
            prod/web  vars.scheme  https               TaskBook/prod/web web.yaml:7:13
            prod/web  vars.url     https://web-1:8443  TaskBook/prod/web web.yaml:9:10  \
            vars.scheme, vars.port
            """);
  }

  @Test
  void printsJson() {
    assertThat(run("plan", "--repo", SAMPLE, "--node", "web-1", "-o", "json")).isZero();
    assertThat(out.toString()).contains("\"node\": \"web-1\"", "\"hash\": \"");
  }

  @Test
  void exitsOneWithLocatedErrors() throws IOException {
    Files.writeString(
        dir.resolve("tb.yaml"),
        """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: t, namespace: prod}
        spec:
          targets: {nodes: [n1]}
          steps:
            - name: s
              action: cmd.run
              parameters: {cmd: "echo {{vars.missing}}"}
        """);
    assertThat(run("plan", "--repo", dir.toString(), "--node", "n1")).isEqualTo(1);
    assertThat(err.toString()).contains("tb.yaml:9:33: unknown variable 'vars.missing'");
  }
}
