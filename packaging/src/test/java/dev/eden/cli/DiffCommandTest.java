package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.RegisterRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {

  static final String NODES =
      """
      apiVersion: v1alpha
      kind: Node
      metadata: {name: web-1}
      spec: {labels: {tier: web}}
      ---
      apiVersion: v1alpha
      kind: Node
      metadata: {name: db-1}
      spec: {labels: {tier: db}}
      """;

  static final String WEB =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: web, namespace: prod}
      spec:
        targets: {selector: "tier=web"}
        steps:
          - name: motd
            action: file.managed
            parameters: {path: /etc/motd, content: "PORT\\n"}
      """;

  @TempDir Path dir;
  private Path repo;
  private Git git;

  @BeforeEach
  void repository() throws GitAPIException, IOException {
    repo = dir.resolve("repo");
    git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
    commit(Map.of("nodes.yaml", NODES, "web.yaml", WEB.replace("PORT", "port 80")), "base");
    git.tag().setName("v1").call();
  }

  private String commit(Map<String, String> files, String message)
      throws IOException, GitAPIException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(repo.resolve(f.getKey()), f.getValue());
    }
    git.add().addFilepattern(".").call();
    return git.commit()
        .setMessage(message)
        .setAuthor("t", "t@x")
        .setCommitter("t", "t@x")
        .setAllowEmpty(true)
        .call()
        .name();
  }

  private CliRun diff(String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "diff";
    args[1] = "--repo";
    args[2] = repo.toString();
    System.arraycopy(more, 0, args, 3, more.length);
    return CliRun.eden(args);
  }

  @Test
  void exitsZeroWhenNoPlanChanges() throws Exception {
    commit(Map.of("README.md", "docs only"), "docs");
    CliRun run = diff("HEAD~1", "HEAD");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("no node's plan changes (2 nodes)");
  }

  @Test
  void exitsOneAndShowsTheChangeWhenAPlanChanges() throws Exception {
    commit(Map.of("web.yaml", WEB.replace("PORT", "port 8080")), "port");
    CliRun run = diff("v1", "main");
    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .startsWith("v1@")
        .contains("1 of 2 nodes changes: web-1; unchanged: db-1")
        .contains("~ prod/web/motd  file.managed", "-port 80", "+port 8080");
    CliRun json = diff("v1", "main", "-o", "json");
    assertThat(json.code()).isEqualTo(1);
    assertThat(json.out()).contains("\"changing\": [\n    \"web-1\"\n  ]", "\"exitCode\": 1");
    CliRun markdown = diff("v1", "main", "-o", "markdown", "--node", "db-1");
    assertThat(markdown.out()).startsWith("<!-- eden:plan -->").contains("no node's plan changes");
    assertThat(markdown.code()).isZero();
  }

  @Test
  void exitsTwoWithEveryLocatedErrorWhenHeadDoesNotValidate() throws Exception {
    commit(
        Map.of(
            "web.yaml",
            WEB.replace("action: file.managed", "action: file.manged")
                .replace("targets:", "bogus: 1\n  targets:")),
        "broken");
    CliRun run = diff("HEAD~1", "HEAD");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out())
        .contains("does not compile: 2 errors")
        .containsPattern("web.yaml:5:3: .*bogus")
        .containsPattern("web.yaml:\\d+:\\d+: .*file.manged");
  }

  @Test
  void exitsTwoWhenANodeThatCompiledNowFails() throws Exception {
    commit(Map.of("web.yaml", WEB.replace("PORT", "{{vars.nope}}")), "broken");
    CliRun run = diff("HEAD~1", "HEAD");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out())
        .contains("1 of 2 nodes fail: web-1; unchanged: db-1")
        .contains("web-1: fails to compile")
        .containsPattern("web.yaml:9:\\d+: unknown variable 'vars.nope'");
  }

  @Test
  void exitsTwoOnACommitThatIsNotThere() {
    CliRun run = diff("v1", "no-such-branch");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("HEAD 'no-such-branch' is not a commit in");
    CliRun notRepo = CliRun.eden("diff", "--repo", dir.resolve("none").toString(), "a", "b");
    assertThat(notRepo.code()).isEqualTo(2);
    assertThat(notRepo.err()).contains("is not a Git repository");
  }

  @Test
  void factsFromAFolderReachThePlans() throws Exception {
    commit(Map.of("web.yaml", WEB.replace("PORT", "ip {{facts.ipv4}}")), "facts");
    Path facts = Files.createDirectories(dir.resolve("facts"));
    Files.writeString(facts.resolve("web-1.yaml"), "ipv4: 10.1.2.3\n");
    CliRun run = diff("v1", "HEAD", "--facts-dir", facts.toString());
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("+ip 10.1.2.3");
    Files.writeString(facts.resolve("db-1.yaml"), "- not a mapping\n");
    CliRun bad = diff("v1", "HEAD", "--facts-dir", facts.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("db-1.yaml: facts must be a mapping");
  }

  @Test
  void takesEveryNodeAndItsFactsFromTheReconciler() throws Exception {
    commit(Map.of("web.yaml", WEB.replace("PORT", "ip {{facts.ipv4}}")), "facts");
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.toString(), "main", "", dir.resolve("data"))
            .withPoll(Duration.ofHours(1));
    try (Reconciler reconciler =
        Reconciler.start(
            config,
            Compilers.forRepository(),
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
            Clock.systemUTC())) {
      String server = "127.0.0.1:" + reconciler.grpcPort();
      register(server, "web-1", "10.1.1.1");
      register(server, "web-2", "10.9.9.9");
      CliRun run = diff("v1", "HEAD", "--server", server);
      assertThat(run.code()).as(run.err()).isEqualTo(1);
      assertThat(run.out())
          .contains("web-1: 1 step change", "+ip 10.1.1.1")
          .contains("web-2: 1 step change", "+ip 10.9.9.9");
    }
  }

  private static void register(String server, String node, String ip) {
    ManagedChannel channel = NettyChannelBuilder.forTarget(server).usePlaintext().build();
    try {
      Struct facts =
          Struct.newBuilder()
              .putFields("ipv4", Value.newBuilder().setStringValue(ip).build())
              .build();
      AgentServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .register(
              RegisterRequest.newBuilder()
                  .setNode(
                      NodeInfo.newBuilder().setName(node).putLabels("tier", "web").setFacts(facts))
                  .build());
    } finally {
      channel.shutdownNow();
    }
  }
}
