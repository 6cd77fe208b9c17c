package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.ListTaskBooksResponse;
import dev.eden.proto.TaskBookInfo;
import dev.eden.testkit.GitRepoFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eden get taskbooks} and {@code eden approve} against a real {@code eden reconciler}. */
class ApproveCommandTest {

  private static final String FLEET =
      """
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-1}
      spec: {labels: {tier: web}}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: motd, namespace: ops}
      spec:
        approval: manual
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, content: "hello\\n"}
      """;

  @TempDir Path tmp;

  @Test
  void getTaskBooksShowsThePendingVersionAndApproveRollsItOut() throws Exception {
    Path repo = tmp.resolve("repo");
    String sha;
    try (GitRepoFixture git = GitRepoFixture.create(repo)) {
      sha = git.commit("motd", Map.of("fleet.yaml", FLEET));
    }
    String rev = "main@sha1:" + sha.substring(0, 7);
    StringWriter log = new StringWriter();
    ReconcilerCommand command = new ReconcilerCommand();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(log, true));
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () ->
                cli.execute(
                    "--repo",
                    repo.toString(),
                    "--data-dir",
                    tmp.resolve("data").toString(),
                    "--listen",
                    "127.0.0.1:0",
                    "--http",
                    "127.0.0.1:0",
                    "--poll",
                    "1h",
                    "--insecure"));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> log.toString().contains("ready"));
      Matcher m = Pattern.compile("grpc=127\\.0\\.0\\.1:(\\d+)").matcher(log.toString());
      assertThat(m.find()).isTrue();
      String server = "127.0.0.1:" + m.group(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> CliRun.eden("get", "taskbooks", "--server", server).out().contains("ops/motd"));

      CliRun pending = CliRun.eden("get", "taskbooks", "--server", server);
      assertThat(pending.out())
          .isEqualTo(
              "NAME       MODE       APPROVAL   SERVING   PENDING             NODES\n"
                  + "ops/motd   converge   manual     <none>    "
                  + rev
                  + "   0\n");
      assertThat(CliRun.eden("get", "taskbooks", "--server", server, "-o", "json").out())
          .contains("\"pendingRevision\": \"main@sha1:" + sha + "\"");

      CliRun approve = CliRun.eden("approve", "motd", "--server", server);
      assertThat(approve.code()).as(approve.err()).isZero();
      assertThat(approve.out())
          .isEqualTo("approved ops/motd: version of main@sha1:" + sha + " rolled out to 1 node\n");
      assertThat(CliRun.eden("get", "taskbooks", "--server", server).out())
          .contains("ops/motd   converge   manual     " + rev + "   <none>    1");

      CliRun again = CliRun.eden("approve", "ops/motd", "--server", server);
      assertThat(again.code()).isEqualTo(1);
      assertThat(again.err())
          .contains("FAILED_PRECONDITION: TaskBook ops/motd has no version waiting for approval");
    } finally {
      command.stop();
    }
    assertThat(running.get()).isZero();
  }

  @Test
  void taskBookTableMarksSuspendedAndMissingRevisions() {
    ListTaskBooksResponse list =
        ListTaskBooksResponse.newBuilder()
            .addTaskbooks(
                TaskBookInfo.newBuilder()
                    .setName("ops/motd")
                    .setMode("converge")
                    .setApproval("manual")
                    .setServingRevision("main@sha1:0123456789abcdef")
                    .setPendingRevision("main@sha1:fedcba9876543210")
                    .setNodes(12))
            .addTaskbooks(
                TaskBookInfo.newBuilder()
                    .setName("prod/web")
                    .setMode("once")
                    .setSuspend(true)
                    .setApproval("auto")
                    .setServingRevision("main@sha1:0123456789abcdef"))
            .build();

    assertThat(new GetTables(java.time.Clock.systemUTC()).taskBooks(list))
        .isEqualTo(
            """
            NAME       MODE               APPROVAL   SERVING             PENDING             NODES
            ops/motd   converge           manual     main@sha1:0123456   main@sha1:fedcba9   12
            prod/web   once (suspended)   auto       main@sha1:0123456   <none>              0
            """);
  }
}
