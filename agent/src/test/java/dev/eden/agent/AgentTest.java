package dev.eden.agent;

import static dev.eden.agent.exec.Plans.plan;
import static dev.eden.agent.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.agent.action.Actions;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.facts.FactsCollector;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.state.LocalState;
import dev.eden.common.WireText;
import dev.eden.common.retry.Backoff;
import dev.eden.proto.NodePlan;
import dev.eden.proto.RunReport;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path tmp;
  Path root;
  String serverName;
  ManagedChannel channel;
  LocalState state;
  Server server;
  final List<RunReport> printed = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    serverName = "agent-test-" + UUID.randomUUID();
    channel = InProcessChannelBuilder.forName(serverName).build();
    state = LocalState.open(tmp.resolve("data"));
  }

  @AfterEach
  void tearDown() {
    channel.shutdownNow();
    if (server != null) {
      server.shutdownNow();
    }
    state.close();
  }

  private static NodePlan motd(String hash, String text) {
    return plan(
        "web-1", hash, step("motd", "file.managed", "{'path':'/motd','content':'" + text + "'}"));
  }

  private Agent agent(Duration interval) {
    AgentConfig cfg =
        AgentConfig.of("web-1")
            .withLabels(Map.of("tier", "web"))
            .withRoot(root)
            .withInterval(interval)
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    Executor ex =
        new Executor(
            Actions.standard(), new ProcessRunner(), Clock.systemUTC(), Optional.of(state), true);
    FactsCollector facts =
        FactsCollector.system(Optional.of(tmp.resolve("data")), new ProcessRunner());
    return new Agent(
        cfg,
        channel,
        state,
        ex,
        facts,
        Backoff.unbounded(cfg.backoffInitial(), cfg.backoffMax()).attempts(new Random(1)),
        printed::add);
  }

  @Test
  void registersPullsAppliesReportsThenAppliesANewPlanFromTheStream() throws Exception {
    FakeAgentService fake = new FakeAgentService(motd("h1", "one"));
    server = fake.start(serverName);
    try (Agent agent = agent(Duration.ofHours(1))) {
      agent.start();
      await().atMost(WAIT).until(() -> fake.runs.size() == 1);
      assertThat(Files.readString(root.resolve("motd"))).isEqualTo("one");
      NodeInfoAssert.registered(fake, "web-1", "tier", "web");
      RunReport first = fake.runsByNumber().get(0);
      assertThat(first.getPlanHash()).isEqualTo("h1");
      assertThat(first.getSteps(0).getStatus().name()).isEqualTo("CHANGED");
      assertThat(fake.events.values()).anyMatch(e -> e.getReason().equals("RunSucceeded"));

      fake.publish(motd("h2", "two"));
      await().atMost(WAIT).until(() -> fake.runs.size() == 2);
      assertThat(Files.readString(root.resolve("motd"))).isEqualTo("two");
      assertThat(WireText.of(fake.runsByNumber().get(1).getTrigger())).isEqualTo("plan-changed");
      assertThat(state.cachedPlan()).map(NodePlan::getHash).contains("h2");
      await().atMost(WAIT).until(() -> state.outboxSize() == 0);
    }
  }

  @Test
  void keepsApplyingWhileTheReconcilerIsAwayAndFlushesWhenItIsBack() throws Exception {
    FakeAgentService fake = new FakeAgentService(motd("h1", "one"));
    server = fake.start(serverName);
    try (Agent agent = agent(Duration.ofHours(1))) {
      agent.start();
      await().atMost(WAIT).until(() -> fake.runs.size() == 1);
      server.shutdownNow();
      server.awaitTermination();

      Files.writeString(root.resolve("motd"), "drifted");
      agent.requestRun();
      await().atMost(WAIT).until(() -> printed.size() == 2);
      assertThat(Files.readString(root.resolve("motd"))).isEqualTo("one");
      assertThat(state.outboxSize()).isPositive();

      FakeAgentService back = new FakeAgentService(motd("h1", "one"));
      server = back.start(serverName);
      await().atMost(WAIT).until(() -> back.runs.size() == 1 && state.outboxSize() == 0);
      RunReport drift = back.runsByNumber().get(0);
      assertThat(drift.getRunNumber()).isEqualTo(2);
      assertThat(drift.getSteps(0).getStatus().name()).isEqualTo("CHANGED");
      assertThat(back.registrations).isNotEmpty();
    }
  }

  @Test
  void onceExitsZeroOnSuccessTwoOnAFailedStepOneWithoutAnyPlan() throws Exception {
    try (Agent agent = agent(Duration.ofHours(1))) {
      assertThat(agent.runOnce()).isEqualTo(Agent.NO_PLAN);
    }
    FakeAgentService fake = new FakeAgentService(motd("h1", "one"));
    server = fake.start(serverName);
    try (Agent agent = agent(Duration.ofHours(1))) {
      assertThat(agent.runOnce()).isEqualTo(Agent.OK);
    }
    assertThat(fake.runs).hasSize(1);
    assertThat(state.outboxSize()).isZero();
    fake.publish(plan("web-1", "h3", step("bad", "cmd.run", "{'cmd':'exit 1'}")));
    try (Agent agent = agent(Duration.ofHours(1))) {
      assertThat(agent.runOnce()).isEqualTo(Agent.STEP_FAILED);
    }
    server.shutdownNow().awaitTermination();
    try (Agent agent = agent(Duration.ofHours(1))) {
      assertThat(agent.runOnce()).as("cached plan, reconciler away").isEqualTo(Agent.STEP_FAILED);
    }
    assertThat(state.outboxSize()).isPositive();
  }

  @Test
  void intervalCorrectsDrift() throws Exception {
    FakeAgentService fake = new FakeAgentService(motd("h1", "one"));
    server = fake.start(serverName);
    try (Agent agent = agent(Duration.ofMillis(300))) {
      agent.start();
      await().atMost(WAIT).until(() -> Files.exists(root.resolve("motd")));
      Files.writeString(root.resolve("motd"), "drifted");
      await().atMost(WAIT).until(() -> Files.readString(root.resolve("motd")).equals("one"));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  fake.runs.values().stream()
                      .anyMatch(r -> WireText.of(r.getTrigger()).equals("interval")));
    }
  }

  @Test
  void waitsForAFirstPlanThenAppliesItWhenTheStreamAnnouncesIt() throws Exception {
    FakeAgentService fake = new FakeAgentService(null);
    server = fake.start(serverName);
    try (Agent agent = agent(Duration.ofHours(1))) {
      agent.start();
      await().atMost(WAIT).until(() -> !fake.registrations.isEmpty());
      fake.publish(motd("h1", "first"));
      await().atMost(WAIT).until(() -> fake.runs.size() == 1);
      assertThat(Files.readString(root.resolve("motd"))).isEqualTo("first");
    }
  }

  @Test
  void registersAgainWhenFactsChange() throws Exception {
    FakeAgentService fake = new FakeAgentService(motd("h1", "one"));
    server = fake.start(serverName);
    try (Agent agent = agent(Duration.ofHours(1))) {
      agent.start();
      await().atMost(WAIT).until(() -> fake.runs.size() == 1);
      int before = fake.registrations.size();
      Path factsD = Files.createDirectories(tmp.resolve("data/facts.d"));
      Files.writeString(factsD.resolve("rack.yaml"), "rack: r7\n");
      agent.requestRun();
      await().atMost(WAIT).until(() -> fake.registrations.size() > before);
      var last = fake.registrations.get(fake.registrations.size() - 1);
      assertThat(last.getFacts().getFieldsMap().get("rack").getStringValue()).isEqualTo("r7");
    }
  }

  /** Small assertions on what the fake saw at registration. */
  static final class NodeInfoAssert {
    static void registered(FakeAgentService fake, String name, String label, String value) {
      assertThat(fake.registrations).isNotEmpty();
      var info = fake.registrations.get(0);
      assertThat(info.getName()).isEqualTo(name);
      assertThat(info.getLabelsMap()).containsEntry(label, value);
      assertThat(info.getFacts().getFieldsMap()).containsKeys("hostname", "os", "cpus");
    }
  }
}
