package dev.eden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eden get cronjobs|triggers|beacons|dispatches} against a real reconciler on 127.0.0.1
 * (real Git, compiler, SQLite, gRPC), two nodes registered over gRPC, a beacon event reported as an
 * agent reports it, and a dispatch started by {@code eden run}.
 */
class GetRuntimeCommandTest {

  private static final String MANIFESTS =
      """
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: motd, namespace: ops}
      spec:
        mode: manual
        targets: {selector: "tier=web"}
        steps:
          - {name: motd, action: file.managed, parameters: {path: /etc/motd, content: "hi\\n"}}
      ---
      apiVersion: v1alpha
      kind: TaskBook
      metadata: {name: tidy, namespace: ops}
      spec:
        mode: manual
        targets: {nodes: [web-2]}
        steps:
          - {name: tidy, action: cmd.run, parameters: {cmd: "true"}}
      ---
      apiVersion: v1alpha
      kind: Beacon
      metadata: {name: motd-present, namespace: ops}
      spec:
        targets: {selector: "tier=web"}
        interval: 10s
        check: {action: cmd.run, parameters: {cmd: "test -f /etc/motd"}}
        emit: {reason: MotdMissing, on: failure}
      ---
      apiVersion: v1alpha
      kind: Trigger
      metadata: {name: restore-motd, namespace: ops}
      spec:
        match: {reason: MotdMissing, selector: "tier=web"}
        minOccurrences: 2
        window: 1m
        run: {taskBook: motd, on: emitters}
      ---
      apiVersion: v1alpha
      kind: CronJob
      metadata: {name: nightly, namespace: ops}
      spec: {schedule: "0 3 * * *", taskBooks: [motd, tidy]}
      """;

  @TempDir Path tmp;
  private Reconciler reconciler;
  private ManagedChannel channel;
  private String server;

  @BeforeEach
  void start() throws Exception {
    Path repo = tmp.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(repo.resolve("ops.yaml"), MANIFESTS);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("ops").setAuthor("t", "t@x").setCommitter("t", "t@x").call();
    }
    reconciler =
        Reconciler.start(
            ReconcilerConfig.of(repo.toString(), "main", "", tmp.resolve("data"))
                .withPoll(Duration.ofHours(1)),
            new ManifestRevisionCompiler(new Compiler()),
            NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
            Clock.systemUTC());
    server = "127.0.0.1:" + reconciler.grpcPort();
    channel = Grpc.newChannelBuilder(server, InsecureChannelCredentials.create()).build();
    AgentServiceGrpc.AgentServiceBlockingStub agent = AgentServiceGrpc.newBlockingStub(channel);
    for (String node : List.of("web-1", "web-2")) {
      agent.register(
          RegisterRequest.newBuilder()
              .setNode(NodeInfo.newBuilder().setName(node).putLabels("tier", "web"))
              .build());
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                reconciler.plans().all().values().stream()
                        .filter(p -> p.getBeaconsCount() == 1)
                        .count()
                    == 2);
    agent.reportEvents(
        ReportEventsRequest.newBuilder()
            .addEvents(
                Event.newBuilder()
                    .setId(UUID.randomUUID().toString())
                    .setType(Event.Type.WARNING)
                    .setReason("MotdMissing")
                    .setObject(
                        ObjectRef.newBuilder()
                            .setKind("Beacon")
                            .setNamespace("ops")
                            .setName("motd-present"))
                    .setNode("web-1")
                    .setMessage("exit code 1")
                    .putLabels("beacon", "ops/motd-present")
                    .putLabels("result", "fail"))
            .build());
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    reconciler.close();
  }

  /** Each cell starts under its column's header. */
  private static void assertColumns(String header, String row, String... headerThenCell) {
    for (int i = 0; i < headerThenCell.length; i += 2) {
      assertThat(row.indexOf(headerThenCell[i + 1]))
          .as("%s in %s", headerThenCell[i + 1], row)
          .isEqualTo(header.indexOf(headerThenCell[i]));
    }
  }

  @Test
  void cronJobsShowTheirTaskBooksAndNextFireTime() {
    CliRun run = CliRun.eden("get", "cronjobs", "--server", server);

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .matches("NAME +SCHEDULE +TASKBOOKS +NEXT +LAST-FIRED +LAST-DISPATCH +LAST-EVENT");
    assertThat(lines.get(1))
        .matches(
            "ops/nightly +0 3 \\* \\* \\* UTC +motd,tidy +in \\d+[smh] +<never> +<none> +<none>");
    assertColumns(
        lines.get(0),
        lines.get(1),
        "SCHEDULE",
        "0 3",
        "TASKBOOKS",
        "motd,tidy",
        "NEXT",
        "in ",
        "LAST-FIRED",
        "<never>",
        "LAST-DISPATCH",
        "<none>");
    assertThat(lines.get(1).lastIndexOf("<none>")).isEqualTo(lines.get(0).indexOf("LAST-EVENT"));
    CliRun json = CliRun.eden("get", "cronjobs", "--server", server, "-o", "json");
    assertThat(json.out())
        .contains("\"name\": \"ops/nightly\"")
        .contains("\"taskbooks\": [\"ops/motd\", \"ops/tidy\"]")
        .contains("\"nextFire\": \"");
  }

  @Test
  void triggersSayWhatTheyWaitFor() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                CliRun.eden("get", "triggers", "--server", server)
                    .out()
                    .contains("1 more matching event within 1m"));
    CliRun run = CliRun.eden("get", "triggers", "--server", server);

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .matches(
            "ops/restore-motd +reason=MotdMissing selector=tier=web +ops/motd +emitters +<never>"
                + " +1 more matching event within 1m");
    assertColumns(
        lines.get(0),
        lines.get(1),
        "MATCH",
        "reason=",
        "RUNS",
        "ops/motd",
        "ON",
        "emitters",
        "LAST-REACTION",
        "<never>",
        "WAITING-FOR",
        "1 more");
    CliRun yaml = CliRun.eden("get", "triggers", "--server", server, "-o", "yaml");
    assertThat(yaml.out()).contains("counted: 1").contains("minOccurrences: 2");
  }

  @Test
  void beaconsShowTheLastResultOfEachNode() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> CliRun.eden("get", "beacons", "--server", server).out().contains("fail"));
    CliRun run = CliRun.eden("get", "beacons", "--server", server);

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1))
        .matches(
            "ops/motd-present +10s +MotdMissing on failure +web-1 +fail +\\d+s ago +exit code 1");
    assertThat(lines.get(2))
        .matches("ops/motd-present +10s +MotdMissing on failure +web-2 +<no event>");
    assertColumns(
        lines.get(0),
        lines.get(1),
        "INTERVAL",
        "10s",
        "EMITS",
        "MotdMissing",
        "NODE",
        "web-1",
        "RESULT",
        "fail   ",
        "MESSAGE",
        "exit code 1");
    assertColumns(lines.get(0), lines.get(2), "RESULT", "<no event>");
    CliRun one = CliRun.eden("get", "beacons", "--server", server, "--node", "web-2", "-o", "json");
    assertThat(one.out()).contains("\"node\": \"web-2\"").doesNotContain("web-1");
  }

  @Test
  void dispatchesShowTheirStateOnEachNode() {
    CliRun started = CliRun.eden("run", "motd", "--server", server);
    assertThat(started.code()).as(started.err()).isZero();

    CliRun run = CliRun.eden("get", "dispatches", "--server", server);

    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches("DISPATCH +TASKBOOK +ORIGIN +NODE +STATE +AGE +MESSAGE");
    assertThat(lines.get(1)).matches("[0-9a-f]{8} +ops/motd +user:insecure +web-1 +Pending +\\d+s");
    assertThat(lines.get(2)).matches("[0-9a-f]{8} +ops/motd +user:insecure +web-2 +Pending +\\d+s");
    assertColumns(
        lines.get(0),
        lines.get(2),
        "TASKBOOK",
        "ops/motd",
        "ORIGIN",
        "user:",
        "NODE",
        "web-2",
        "STATE",
        "Pending");
    CliRun yaml = CliRun.eden("get", "dispatches", "--server", server, "-o", "yaml");
    assertThat(yaml.out()).contains("taskbook: ops/motd").contains("state: Pending");
  }
}
