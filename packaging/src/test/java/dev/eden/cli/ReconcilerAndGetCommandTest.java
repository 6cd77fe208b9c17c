package dev.eden.cli;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.FetchNowRequest;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.pipeline.CompileOutcome;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReconcilerAndGetCommandTest {

  @TempDir Path tmp;

  private static final RevisionCompiler ONE_NODE =
      request ->
          new CompileOutcome.Accepted(
              Map.of("web-1", NodePlan.newBuilder().setNode("web-1").build()),
              request.tree().paths().size());

  @Test
  void badFlagsAreUsageErrors() {
    assertThat(CliRun.eden("reconciler", "--repo", "x", "--poll", "soon").code())
        .isEqualTo(Eden.EXIT_USAGE);
    assertThat(CliRun.eden("get", "things").code()).isEqualTo(Eden.EXIT_USAGE);
  }

  @Test
  void reconcilerServesWhatGetLists() throws Exception {
    Path repo = tmp.resolve("repo");
    try (GitRepoFixture git = GitRepoFixture.create(repo)) {
      git.commit("first commit", Map.of("a.yaml", "x"));
    }
    StringWriter out = new StringWriter();
    ReconcilerCommand command = new ReconcilerCommand(() -> ONE_NODE);
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
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
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("ready"));
      Matcher m = Pattern.compile("grpc=127\\.0\\.0\\.1:(\\d+)").matcher(out.toString());
      assertThat(m.find()).isTrue();
      String server = "127.0.0.1:" + m.group(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> CliRun.eden("get", "revisions", "--server", server).out().contains("Accepted"));

      CliRun nodes = CliRun.eden("get", "nodes", "--server", server);
      assertThat(nodes.code()).isZero();
      assertThat(nodes.out().lines().findFirst().orElseThrow())
          .startsWith("NAME    STATUS    REASON")
          .contains("PLAN");
      assertThat(nodes.out()).contains("web-1   Unknown   NotRegistered");
      CliRun revisions = CliRun.eden("get", "revisions", "--server", server);
      assertThat(revisions.out()).contains("main@sha1:").contains("first commit");
      CliRun json = CliRun.eden("get", "nodes", "--server", server, "-o", "json");
      assertThat(json.out()).contains("\"name\": \"web-1\"");
      CliRun yaml = CliRun.eden("get", "events", "--server", server, "-o", "yaml");
      assertThat(yaml.out()).contains("reason: RevisionAccepted");
      CliRun locks = CliRun.eden("get", "locks", "--server", server);
      assertThat(locks.code()).as(locks.err()).isZero();
      assertThat(locks.out()).startsWith("KIND").contains("EXPIRES-IN");
      assertThat(CliRun.eden("get", "nodes", "--server", server, "--watch").code())
          .isEqualTo(Eden.EXIT_USAGE);

      StringWriter watched = new StringWriter();
      CommandLine watcher = Eden.commandLine();
      watcher.setOut(new PrintWriter(watched, true));
      CompletableFuture.runAsync(() -> watcher.execute("get", "events", "--server", server, "-w"));
      await().atMost(PATIENCE).until(() -> watched.toString().contains("RevisionAccepted"));
      try (Git git = Git.open(repo.toFile())) {
        git.commit().setMessage("second").setAuthor("t", "t@x").setCommitter("t", "t@x").call();
      }
      ManagedChannel channel = NettyChannelBuilder.forTarget(server).usePlaintext().build();
      try {
        ControlServiceGrpc.newBlockingStub(channel).fetchNow(FetchNowRequest.getDefaultInstance());
      } finally {
        channel.shutdownNow();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> watched.toString().split("RevisionAccepted", -1).length == 3);
    } finally {
      command.stop();
    }
    assertThat(running.get()).isZero();
  }

  @Test
  void getReportsAnUnreachableServer() {
    CliRun run = CliRun.eden("get", "nodes", "--server", "127.0.0.1:1");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("UNAVAILABLE");
  }

  @Test
  void tablesAlignLikeKubectl() {
    String text =
        new Table("NAME", "STATUS").row("web-1", "Ready").row("database-01", "Stalled").render();
    assertThat(text)
        .isEqualTo("NAME          STATUS\nweb-1         Ready\ndatabase-01   Stalled\n");
    assertThat(GetTables.shortRevision("main@sha1:0123456789abcdef"))
        .isEqualTo("main@sha1:0123456");
  }
}
