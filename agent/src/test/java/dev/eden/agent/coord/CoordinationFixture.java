package dev.eden.agent.coord;

import dev.eden.common.retry.Backoff;
import dev.eden.proto.AcquirePermitRequest;
import dev.eden.proto.ClaimTargetRequest;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.CoordinationServiceGrpc.CoordinationServiceBlockingStub;
import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.ListLocksRequest;
import dev.eden.proto.LockHolding;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.reconciler.coord.CoordinationApi;
import dev.eden.reconciler.coord.Memberships;
import dev.eden.reconciler.coord.NodeLiveness;
import dev.eden.reconciler.coord.SqliteCoordinationStore;
import dev.eden.testkit.FakeClock;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One real CoordinationService (SQLite store in a temp dir, in-process gRPC) and any number of
 * agents' {@link StepCoordinator}s against it, all on one {@link FakeClock}.
 */
final class CoordinationFixture implements AutoCloseable {

  static final Duration AGENT_TTL = Duration.ofSeconds(60);

  final FakeClock clock = new FakeClock();
  private final SqliteCoordinationStore store;
  private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();
  private final String serverName = InProcessServerBuilder.generateName();
  private final Server server;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<StepCoordinator> coordinators = new ArrayList<>();
  private final Map<String, NodePlan> plans = new LinkedHashMap<>();

  CoordinationFixture(Path dir) {
    store = SqliteCoordinationStore.open(dir.resolve("coord.db"), clock);
    var settings =
        new CoordinationApi.Settings(
            Duration.ofSeconds(30),
            Duration.ofHours(2),
            Duration.ofSeconds(2),
            Duration.ofMillis(20));
    try {
      server =
          InProcessServerBuilder.forName(serverName)
              .addService(
                  CoordinationApi.service(
                      store,
                      NodeLiveness.ofLeases(store),
                      node -> Optional.ofNullable(labels.get(node)),
                      clock,
                      settings))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A started coordinator for {@code node}, registered with {@code nodeLabels}. */
  synchronized StepCoordinator agent(String node, Map<String, String> nodeLabels)
      throws CoordinationFailure {
    labels.put(node, nodeLabels);
    var settings =
        new StepCoordinator.Settings(
            AGENT_TTL,
            Duration.ofMinutes(30),
            Duration.ofMinutes(30),
            Duration.ofMinutes(10),
            Duration.ofMillis(500),
            Backoff.defaults());
    StepCoordinator coordinator =
        new StepCoordinator(channel(), node, clock, scheduler, settings, Pause.REAL);
    coordinator.start();
    coordinators.add(coordinator);
    return coordinator;
  }

  /** A bare stub, for playing a node that takes things and then dies. */
  synchronized CoordinationServiceBlockingStub stub() {
    return CoordinationServiceGrpc.newBlockingStub(channel());
  }

  /** A node that takes a lease of {@code ttl} and never renews it: it is "killed" at once. */
  String deadNodeLease(String node, Duration ttl) {
    return stub()
        .grantLease(GrantLeaseRequest.newBuilder().setNode(node).setTtlMs(ttl.toMillis()).build())
        .getLeaseId();
  }

  /**
   * What the reconciler records when it accepts {@code revision}: {@code step} is in the plans of
   * {@code nodes} (each a candidate when the step has target.limit).
   */
  synchronized void members(String revision, PlanStep step, List<String> nodes) {
    Map<String, NodePlan> plans = new LinkedHashMap<>();
    for (String n : nodes) {
      NodePlan plan =
          this.plans
              .computeIfAbsent(revision + " " + n, k -> NodePlan.newBuilder().setNode(n).build())
              .toBuilder()
              .addSteps(step)
              .build();
      this.plans.put(revision + " " + n, plan);
      plans.put(n, plan);
    }
    store.recordMembers(Memberships.ofNodes(revision, plans));
  }

  /** The same, from whole plans by node (the function the reconciler calls). */
  void accepted(String revision, Map<String, NodePlan> plans) {
    store.recordMembers(Memberships.ofRevision(revision, plans));
  }

  void deadNodeTakesPermit(String node, PlanStep step, RunScope run, Duration ttl) {
    String lease = deadNodeLease(node, ttl);
    stub()
        .acquirePermit(
            AcquirePermitRequest.newBuilder()
                .setScope(run.scope(step))
                .setNode(node)
                .setLeaseId(lease)
                .build());
  }

  void deadNodeClaims(String node, PlanStep step, RunScope run, Duration ttl) {
    String lease = deadNodeLease(node, ttl);
    stub()
        .claimTarget(
            ClaimTargetRequest.newBuilder()
                .setScope(run.scope(step))
                .setNode(node)
                .setLeaseId(lease)
                .build());
  }

  List<LockHolding> locks(LockHolding.Kind kind) {
    return stub().listLocks(ListLocksRequest.getDefaultInstance()).getHoldingsList().stream()
        .filter(h -> h.getKind() == kind)
        .toList();
  }

  @Override
  public synchronized void close() {
    coordinators.forEach(StepCoordinator::close);
    scheduler.shutdownNow();
    channels.forEach(ManagedChannel::shutdownNow);
    try {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  private ManagedChannel channel() {
    ManagedChannel channel = InProcessChannelBuilder.forName(serverName).build();
    channels.add(channel);
    return channel;
  }
}
