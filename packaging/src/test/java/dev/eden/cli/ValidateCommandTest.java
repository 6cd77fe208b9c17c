package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  private static final Path SAMPLE_REPO =
      Path.of("..", "schema", "src", "test", "resources", "repos", "all-kinds");

  @TempDir Path tmp;

  /** Exit code, stdout and stderr of one run. */
  record Run(int exit, String out, String err) {}

  private static Run eden(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Eden.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void validRepositoryExitsZeroWithSummaryByKind() {
    Run run = eden("validate", SAMPLE_REPO.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith(SAMPLE_REPO + ": ")
        .contains("objects valid (3 NodeGroup, 4 Node, 1 Config,")
        .contains("3 TaskBook");
    assertThat(run.out().lines()).hasSize(1);
  }

  @Test
  void invalidRepositoryExitsOneWithEveryErrorSorted() throws IOException {
    Files.writeString(
        tmp.resolve("b.yaml"),
        """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: web, namespace: prod}
        spec:
          mode: fast
          steps: foo
        """);
    Files.writeString(
        tmp.resolve("a.yaml"),
        """
        apiVersion: v1alpha
        kind: NodeGroup
        metadata: {name: web}
        spec: {selector: "tier=web", colour: red}
        """);

    Run run = eden("validate", tmp.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            "a.yaml:4:30: unknown field 'colour' in NodeGroup spec",
            "b.yaml:5:9: unknown mode 'fast'; expected one of converge, once, manual",
            "b.yaml:6:10: 'steps' must be a list, found \"foo\"");
    assertThat(run.err()).contains("3 errors");
  }

  @Test
  void missingDirectoryIsAUsageError() {
    Run run = eden("validate", tmp.resolve("nope").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("nope does not exist");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(eden("validate", "--frobnicate").exit()).isEqualTo(2);
    assertThat(eden("validate", "-o", "xml", SAMPLE_REPO.toString()).exit()).isEqualTo(2);
  }

  @Test
  void jsonOutputForMachines() throws IOException {
    Files.writeString(
        tmp.resolve("x.yaml"),
        """
        apiVersion: v1alpha
        kind: Node
        metadata: {name: "Bad \\"name\\""}
        """);

    Run bad = eden("validate", "-o", "json", tmp.toString());
    Run good = eden("validate", "-o", "json", SAMPLE_REPO.toString());

    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out().strip())
        .isEqualTo(
            "{\"valid\":false,\"objects\":{},\"errors\":[{\"file\":\"x.yaml\",\"line\":3,"
                + "\"column\":18,\"message\":\"invalid name \\\"Bad \\\"name\\\"\\\": must"
                + " consist of lowercase letters, digits, '-' and '.', and start and end with a"
                + " letter or digit\"}]}");
    assertThat(good.exit()).isZero();
    assertThat(good.out()).startsWith("{\"valid\":true,\"objects\":{\"NodeGroup\":3,\"Node\":4,");
    assertThat(good.out()).endsWith("\"errors\":[]}\n");
  }

  @Test
  void runReturnsTheExitCode() {
    assertThat(Eden.run("validate", SAMPLE_REPO.toString())).isZero();
  }
}
