package dev.eden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.cli.demo.FleetView;
import dev.eden.cli.demo.GitHook;
import dev.eden.proto.Event;
import dev.eden.proto.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One story, told in order against a reconciler and agents running as real processes, each agent in
 * its own {@code --root}. The reconciler polls only once an hour: every commit reaches it through
 * the {@code POST /hooks/git} endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class FleetIT {
  private static final String WEB = "tier=web,env=test";
  private static final String LB = "tier=lb,env=test";
  private static final List<String> RUNNING = List.of("lb-1", "web-1", "web-2");

  @TempDir static Path work;
  private Fleet fleet;

  @BeforeAll
  void startReconciler() throws IOException {
    fleet = Fleet.withRepository(work, TestRepository.files());
    fleet.startReconciler("1h");
  }

  @AfterAll
  void stop() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  @Order(1)
  void firstRunConvergesAndSecondRunChangesNothing() throws Exception {
    String head = fleet.headCommit();
    await()
        .atMost(Fleet.PATIENCE)
        .ignoreExceptions()
        .until(() -> !fleet.view().currentCommit().isEmpty());

    assertThat(fleet.runAgentOnce("web-3", WEB)).isZero();
    assertThat(fleet.runAgentOnce("web-3", WEB)).isZero();

    List<RunSummary> runs = fleet.runs("web-3");
    assertThat(runs).hasSize(2);
    RunSummary first = byNumber(runs, 1);
    RunSummary second = byNumber(runs, 2);
    assertThat(first.getChanged()).isPositive();
    assertThat(first.getFailed()).isZero();
    assertThat(second.getChanged()).isZero();
    assertThat(second.getUnchanged()).isEqualTo(first.getChanged() + first.getUnchanged());
    assertThat(Files.readString(fleet.root("web-3").resolve("etc/app/app.conf")))
        .isEqualTo("greeting=hello\nport=8080\nnode=web-3\n");

    fleet.startAgent("lb-1", LB);
    fleet.startAgent("web-1", WEB);
    fleet.startAgent("web-2", WEB);
    fleet.awaitConverged(head, List.of("lb-1", "web-1", "web-2", "web-3"));
    assertThat(Files.readString(fleet.root("lb-1").resolve("etc/lb/backends")))
        .isEqualTo("server web-1\nserver web-2\nserver web-3\n");
  }

  @Test
  @Order(2)
  void aCommitOnTheHookReplansOnlyTheNodesItAffects() throws Exception {
    FleetView before = fleet.view();
    int lbRuns = fleet.runs("lb-1").size();

    String commit =
        fleet.repo.replaceAndCommit("vars.yaml", "greeting: hello", "greeting: hi", "web: say hi");
    assertThat(postHook("")).isEqualTo(202);
    FleetView after = fleet.awaitConverged(commit, RUNNING);

    assertThat(hash(after, "web-1")).isNotEqualTo(hash(before, "web-1"));
    assertThat(hash(after, "web-2")).isNotEqualTo(hash(before, "web-2"));
    assertThat(hash(after, "lb-1")).isEqualTo(hash(before, "lb-1"));
    assertThat(fleet.runs("lb-1")).hasSize(lbRuns);
    assertThat(Files.readString(fleet.root("web-1").resolve("etc/app/app.conf")))
        .startsWith("greeting=hi\n");
  }

  @Test
  @Order(3)
  void aBadCommitIsRejectedWithLocatedErrorsAndTheLastGoodRevisionKeepsServing() throws Exception {
    FleetView before = fleet.view();
    String good = before.currentCommit();

    fleet.repo.writeAndCommit(
        "broken.yaml",
        "apiVersion: v1alpha\nkind: TaskBook\nmetadata: {name: broken, namespace: prod}\n"
            + "spec:\n  steps:\n    - name: x\n      action: file.manged\n",
        "a typo in an action");
    assertThat(postHook("")).isEqualTo(202);

    Event rejected =
        await("a ValidationFailed event")
            .atMost(Fleet.PATIENCE)
            .ignoreExceptions()
            .until(
                () ->
                    fleet.events().stream()
                        .filter(e -> e.getReason().equals("ValidationFailed"))
                        .findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    assertThat(rejected.getMessage()).contains("broken.yaml:7:15");
    FleetView after = fleet.view();
    assertThat(after.currentCommit()).isEqualTo(good);
    for (String node : RUNNING) {
      assertThat(hash(after, node)).isEqualTo(hash(before, node));
    }

    String fixed =
        fleet.repo.writeAndCommit("broken.yaml", "# fixed\n", "remove the broken TaskBook");
    assertThat(postHook("")).isEqualTo(202);
    fleet.awaitConverged(fixed, RUNNING);
  }

  @Test
  @Order(4)
  void aReconcilerKilledAndRestartedOnTheSameDataDirLosesNothing() throws Exception {
    int runsBefore = fleet.runs("web-1").size();
    long web3RunsBefore = fleet.runs("web-3").size();
    fleet.killReconciler();

    // While it is down: an agent applies its cached plan; its report waits in its outbox.
    assertThat(fleet.runAgentOnce("web-3", WEB)).isZero();
    String commit =
        fleet.repo.replaceAndCommit("vars.yaml", "greeting: hi", "greeting: hey", "web: say hey");

    fleet.startReconciler("1h");
    FleetView after = fleet.awaitConverged(commit, RUNNING);
    // converged can show before the run web-1 makes on reconnecting is stored: wait for it
    await()
        .atMost(Fleet.PATIENCE)
        .untilAsserted(() -> assertThat(fleet.runs("web-1")).hasSizeGreaterThan(runsBefore));
    // the view can show the new commit before web-2's plan for it is served: wait for the file
    await()
        .atMost(Fleet.PATIENCE)
        .untilAsserted(
            () ->
                assertThat(Files.readString(fleet.root("web-2").resolve("etc/app/app.conf")))
                    .startsWith("greeting=hey\n"));
    assertThat(after.node("web-3")).isPresent();

    // web-3's next run flushes the outbox: the run made while the reconciler was away arrives.
    assertThat(fleet.runAgentOnce("web-3", WEB)).isZero();
    List<RunSummary> web3 = fleet.runs("web-3");
    assertThat(web3).hasSize((int) web3RunsBefore + 2);
    assertThat(web3.stream().map(RunSummary::getRunNumber).sorted().toList())
        .containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  @Order(5)
  void anAgentKilledMidRunComesBackWithItsStateIntact() throws Exception {
    Path started = fleet.root("web-2").resolve("tmp/slow-started");
    String commit =
        fleet.repo.writeAndCommit(
            "slow.yaml", TestRepository.SLOW_TASKBOOK, "a slow step on web-2");
    assertThat(postHook("")).isEqualTo(202);

    await("web-2 inside the slow step").atMost(Fleet.PATIENCE).until(() -> Files.exists(started));
    fleet.agent("web-2").kill();
    fleet.agent("web-2").restart();

    fleet.awaitConverged(commit, RUNNING);
    List<Long> numbers =
        fleet.runs("web-2").stream().map(RunSummary::getRunNumber).sorted().toList();
    assertThat(numbers).doesNotHaveDuplicates();
    assertThat(integrityCheck(fleet.dataDir("web-2"))).isEqualTo("ok");
    assertThat(fleet.root("web-2").resolve("tmp/slow-done")).exists();
  }

  private int postHook(String authorization) throws IOException, InterruptedException {
    return GitHook.post(
        fleet.httpPort, authorization.isEmpty() ? Optional.empty() : Optional.of(authorization));
  }

  private static String integrityCheck(Path dataDir) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("agent.db"));
        ResultSet r = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }

  private static String hash(FleetView view, String node) {
    return view.node(node).orElseThrow().getPlanHash();
  }

  private static RunSummary byNumber(List<RunSummary> runs, long number) {
    return runs.stream().filter(r -> r.getRunNumber() == number).findFirst().orElseThrow();
  }

  /** The desired state the story starts from. */
  static final class TestRepository {
    static final String SLOW_TASKBOOK =
        """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: slow, namespace: prod}
        spec:
          targets: {nodes: [web-2]}
          steps:
            - name: tmp
              action: directory
              parameters: {path: /tmp}
            - name: slow step
              action: cmd.run
              requires: [tmp]
              parameters:
                cmd: touch "$EDEN_ROOT/tmp/slow-started" && sleep 3 && touch "$EDEN_ROOT/tmp/slow-done"
                creates: /tmp/slow-done
        """;

    static Map<String, String> files() {
      return Map.of(
          "groups.yaml",
          """
          apiVersion: v1alpha
          kind: NodeGroup
          metadata: {name: web}
          spec: {selector: "tier=web"}
          ---
          apiVersion: v1alpha
          kind: NodeGroup
          metadata: {name: lb}
          spec: {selector: "tier=lb"}
          """,
          "vars.yaml",
          """
          apiVersion: v1alpha
          kind: Variable
          metadata: {name: web, namespace: prod}
          spec:
            nodeGroups: [web]
            values:
              greeting: hello
              port: 8080
          """,
          "web.yaml",
          """
          apiVersion: v1alpha
          kind: TaskBook
          metadata: {name: web, namespace: prod}
          spec:
            targets: {nodeGroups: [web]}
            steps:
              - name: config dir
                action: directory
                parameters: {path: /etc/app, mode: "0755"}
              - name: config
                action: file.managed
                requires: [config dir]
                parameters:
                  path: /etc/app/app.conf
                  content: "greeting={{vars.greeting}}\\nport={{vars.port}}\\nnode={{node.name}}\\n"
          """,
          "lb.yaml",
          """
          apiVersion: v1alpha
          kind: TaskBook
          metadata: {name: lb, namespace: prod}
          spec:
            targets: {nodeGroups: [lb]}
            steps:
              - name: config dir
                action: directory
                parameters: {path: /etc/lb}
              - name: backends
                action: file.managed
                requires: [config dir]
                parameters:
                  path: /etc/lb/backends
                  template: templates/backends.hbs
          """,
          "templates/backends.hbs",
          "{{#each (nodes \"tier=web\")}}server {{name}}\n{{/each}}");
    }
  }
}
