package dev.eden.cli;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.pipeline.CompileOutcome;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eden get events --for ... [--watch]} against a real reconciler on 127.0.0.1. */
class GetEventsCommandTest {

  @TempDir Path tmp;
  private Reconciler reconciler;
  private ManagedChannel channel;
  private String server;

  @BeforeEach
  void start() throws Exception {
    Path repo = tmp.resolve("repo");
    try (GitRepoFixture git = GitRepoFixture.create(repo)) {
      git.commit("first", Map.of("a.yaml", "x"));
    }
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.toString(), "main", "", tmp.resolve("data"))
            .withPoll(Duration.ofHours(1));
    reconciler =
        Reconciler.start(
            config,
            request ->
                new CompileOutcome.Accepted(
                    Map.of("web-1", NodePlan.newBuilder().setNode("web-1").build()), 1),
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
            Clock.systemUTC());
    server = "127.0.0.1:" + reconciler.grpcPort();
    channel = NettyChannelBuilder.forTarget(server).usePlaintext().build();
    report(
        event("TaskBook", "prod", "web", "prod web changed"),
        event("TaskBook", "dev", "web", "dev web changed"),
        event("Node", "", "web-1", "node run"));
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    reconciler.close();
  }

  private void report(Event... events) {
    AgentServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .reportEvents(ReportEventsRequest.newBuilder().addAllEvents(List.of(events)).build());
  }

  private static Event event(String kind, String namespace, String name, String message) {
    return Event.newBuilder()
        .setType(Event.Type.NORMAL)
        .setReason("StepChanged")
        .setObject(ObjectRef.newBuilder().setKind(kind).setNamespace(namespace).setName(name))
        .setNode("web-1")
        .setMessage(message)
        .build();
  }

  @Test
  void forNarrowsTheListToOneObject() {
    CliRun prod = CliRun.eden("get", "events", "--server", server, "--for", "TaskBook/prod/web");
    CliRun anyNamespace =
        CliRun.eden("get", "events", "--server", server, "--for", "taskbook/web", "-o", "json");
    CliRun node =
        CliRun.eden("get", "events", "--server", server, "--for", "Node/web-1", "-o", "yaml");

    assertThat(prod.code()).as(prod.err()).isZero();
    assertThat(prod.out().lines())
        .hasSize(2)
        .first()
        .asString()
        .startsWith(
            "LAST-SEEN   TYPE     REASON        OBJECT              NODE    COUNT   MESSAGE");
    assertThat(prod.out())
        .contains("Normal   StepChanged   taskbook/prod/web   web-1   1       prod web changed");
    assertThat(anyNamespace.out()).contains("prod web changed", "dev web changed");
    assertThat(anyNamespace.out()).doesNotContain("node run");
    assertThat(node.out()).contains("message: node run").doesNotContain("web changed");
  }

  @Test
  void watchHonoursForAndKeepsTheColumnsOfTheList() {
    StringWriter watched = new StringWriter();
    CommandLine watcher = Eden.commandLine();
    watcher.setOut(new PrintWriter(watched, true));
    CompletableFuture.runAsync(
        () -> watcher.execute("get", "events", "--server", server, "--for", "Node/web-1", "-w"));
    await().atMost(PATIENCE).until(() -> watched.toString().contains("node run"));

    report(
        event("TaskBook", "prod", "web", "not about the node"),
        event("Node", "", "web-1", "node run again"));

    await().atMost(Duration.ofSeconds(10)).until(() -> watched.toString().contains("again"));
    List<String> lines = watched.toString().lines().toList();
    assertThat(watched.toString()).doesNotContain("not about the node");
    String header = lines.get(0);
    String live = lines.get(lines.size() - 1);
    assertThat(live.indexOf("node/web-1")).isEqualTo(header.indexOf("OBJECT"));
    assertThat(live.indexOf("node run again")).isEqualTo(header.indexOf("MESSAGE"));
  }

  @Test
  void aMalformedForIsAUsageError() {
    CliRun noSlash = CliRun.eden("get", "events", "--server", server, "--for", "web-1");
    CliRun notEvents = CliRun.eden("get", "nodes", "--server", server, "--for", "Node/web-1");

    assertThat(noSlash.code()).isEqualTo(Eden.EXIT_USAGE);
    assertThat(noSlash.err())
        .contains("--for: expected KIND/NAME or KIND/NAMESPACE/NAME")
        .contains("got 'web-1'");
    assertThat(notEvents.code()).isEqualTo(Eden.EXIT_USAGE);
    assertThat(notEvents.err()).contains("--for is supported for events only");
  }

  @Test
  void objectFiltersParseTheTwoForms() {
    assertThat(ObjectFilter.parse("Node/web-1")).isEqualTo(new ObjectFilter("Node", "", "web-1"));
    assertThat(ObjectFilter.parse("Trigger/ops/restore-motd"))
        .isEqualTo(new ObjectFilter("Trigger", "ops", "restore-motd"));
    for (String bad : List.of("", "Node", "Node/", "/web-1", "a/b/c/d", "TaskBook//web")) {
      assertThatThrownBy(() -> ObjectFilter.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
