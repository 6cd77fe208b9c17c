package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.testkit.GitRepoFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eden bundle create} and {@code eden bundle import} against a real hosted reconciler. */
class BundleCommandTest {

  private static final String NODE =
      """
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-1}
      spec: {labels: {tier: web}}
      """;

  @TempDir Path tmp;

  @Test
  void aBundleMadeByCreateIsImportedOnceAndACorruptedOneIsRefused() throws Exception {
    Path repo = tmp.resolve("repo");
    String sha;
    try (GitRepoFixture git = GitRepoFixture.create(repo)) {
      sha = git.commit("web", Map.of("fleet.yaml", NODE));
    }
    Path file = tmp.resolve("site.bundle");
    CliRun create =
        CliRun.eden("bundle", "create", "--repo", repo.toString(), "--out", file.toString());
    assertThat(create.code()).as(create.err()).isZero();
    assertThat(create.out()).startsWith("wrote " + file + ": refs/heads/main at " + sha);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x5a;
    Path corrupted = Files.write(tmp.resolve("corrupted.bundle"), bytes);

    StringWriter log = new StringWriter();
    ReconcilerCommand command = new ReconcilerCommand();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(log, true));
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "--hosted",
                    "--data-dir",
                    tmp.resolve("data").toString(),
                    "--listen",
                    "127.0.0.1:0",
                    "--http",
                    "127.0.0.1:0",
                    "--insecure"));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> log.toString().contains("ready"));
      Matcher m = Pattern.compile("grpc=127\\.0\\.0\\.1:(\\d+)").matcher(log.toString());
      assertThat(m.find()).isTrue();
      String server = "127.0.0.1:" + m.group(1);

      CliRun refused = CliRun.eden("bundle", "import", corrupted.toString(), "--server", server);
      CliRun first = CliRun.eden("bundle", "import", file.toString(), "--server", server);
      CliRun second = CliRun.eden("bundle", "import", file.toString(), "--server", server);

      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err())
          .startsWith("eden bundle import: refused: the served revision is unchanged\n")
          .contains("corrupted.bundle: ");
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.out()).isEqualTo("imported " + sha + "; rolling it out\n");
      assertThat(second.code()).isZero();
      assertThat(second.out()).isEqualTo("already at " + sha + "\n");
      assertThat(CliRun.eden("get", "revisions", "--server", server).out())
          .contains(sha.substring(0, 7));
    } finally {
      command.stop();
    }
    assertThat(running.get()).isZero();
  }

  @Test
  void bundleDirNeedsHostedAndAnExistingFolder() {
    CliRun withRepo =
        CliRun.eden(
            "reconciler",
            "--repo",
            tmp.toString(),
            "--bundle-dir",
            tmp.toString(),
            "--data-dir",
            tmp.resolve("data").toString(),
            "--insecure");
    CliRun missing =
        CliRun.eden(
            "reconciler",
            "--hosted",
            "--bundle-dir",
            tmp.resolve("nowhere").toString(),
            "--data-dir",
            tmp.resolve("data").toString(),
            "--insecure");

    assertThat(withRepo.code()).isEqualTo(Eden.EXIT_USAGE);
    assertThat(withRepo.err()).contains("--bundle-dir needs --hosted");
    assertThat(missing.code()).isEqualTo(Eden.EXIT_USAGE);
    assertThat(missing.err()).contains("no such directory; create it (mkdir -p ");
  }
}
