package dev.eden.reconciler.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.proto.AcquirePermitRequest;
import dev.eden.proto.ArriveBarrierRequest;
import dev.eden.proto.BarrierState;
import dev.eden.proto.CoordScope;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.CoordinationServiceGrpc.CoordinationServiceBlockingStub;
import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.ListLocksRequest;
import dev.eden.proto.LockHolding;
import dev.eden.proto.PublishExportRequest;
import dev.eden.proto.ReadExportRequest;
import dev.eden.proto.RenewLeaseRequest;
import dev.eden.testkit.FakeClock;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinationServiceTest {

  private static final CoordScope SCOPE =
      CoordScope.newBuilder()
          .setTaskbook("ops/web")
          .setStepId("ops/web/restart")
          .setRun("r1")
          .setRevision("r1")
          .build();

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  private SqliteCoordinationStore store;
  private Server server;
  private ManagedChannel channel;
  private CoordinationServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    store = SqliteCoordinationStore.open(dir.resolve("coord.db"), clock);
    String name = InProcessServerBuilder.generateName();
    Map<String, Map<String, String>> labels = Map.of("n1", Map.of("role", "db"));
    server =
        InProcessServerBuilder.forName(name)
            .addService(
                CoordinationApi.service(
                    store,
                    NodeLiveness.ofLeases(store),
                    node -> Optional.ofNullable(labels.get(node)),
                    clock,
                    CoordinationApi.Settings.defaults()))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
    stub = CoordinationServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    store.close();
  }

  private String lease(String node, Duration ttl) {
    return stub.grantLease(
            GrantLeaseRequest.newBuilder().setNode(node).setTtlMs(ttl.toMillis()).build())
        .getLeaseId();
  }

  /** What the reconciler records when it accepts revision r1: who has the step in its plan. */
  private void members(StepRule rule, String... nodes) {
    MemberKey key = MemberKey.ofRevision("ops/web", "ops/web/restart", "r1");
    store.recordMembers(
        new Memberships(
            "r1",
            Set.of(nodes),
            false,
            Arrays.stream(nodes).map(n -> new MemberRecord(key, n, rule, false)).toList()));
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void renewingAnExpiredLeaseIsNotFound() {
    String lease = lease("n1", Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));

    assertStatus(
        () -> stub.renewLease(RenewLeaseRequest.newBuilder().setLeaseId(lease).build()),
        Status.Code.NOT_FOUND,
        "not found or expired");
  }

  @Test
  void requestWithoutScopeIsInvalid() {
    String lease = lease("n1", Duration.ofSeconds(30));
    assertStatus(
        () ->
            stub.acquirePermit(
                AcquirePermitRequest.newBuilder().setNode("n1").setLeaseId(lease).build()),
        Status.Code.INVALID_ARGUMENT,
        "taskbook must not be blank");
  }

  @Test
  void unregisteredOrUnselectedReaderIsDenied() {
    stub.publishExport(
        PublishExportRequest.newBuilder()
            .setNamespace("ops")
            .setName("token")
            .setValue("s3cr3t")
            .setVisibleTo("role=worker")
            .setNode("n0")
            .build());

    for (String reader : new String[] {"n1", "stranger"}) {
      assertThatThrownBy(
              () ->
                  stub.readExport(
                      ReadExportRequest.newBuilder()
                          .setNamespace("ops")
                          .setName("token")
                          .setNode(reader)
                          .build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED))
          .hasMessageNotContaining("s3cr3t");
    }
  }

  @Test
  void badVisibleToSelectorIsInvalid() {
    assertStatus(
        () ->
            stub.publishExport(
                PublishExportRequest.newBuilder()
                    .setNamespace("ops")
                    .setName("token")
                    .setValue("v")
                    .setVisibleTo("role in (")
                    .setNode("n0")
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "");
  }

  @Test
  void barrierWaitsOnlyForAliveNodesAndNamesTheMissingOnes() {
    String n1 = lease("n1", Duration.ofMinutes(1));
    lease("n2", Duration.ofMinutes(1));
    lease("n3", Duration.ofSeconds(5));
    members(new StepRule(true, 0, 0), "n1", "n2", "n3", "never-started");
    ArriveBarrierRequest arrive =
        ArriveBarrierRequest.newBuilder().setScope(SCOPE).setNode("n1").setLeaseId(n1).build();

    BarrierState state = stub.arriveBarrier(arrive);
    assertThat(state.getPassed()).isFalse();
    assertThat(state.getMissingList()).containsExactly("n2", "n3");

    clock.advance(Duration.ofSeconds(5));
    assertThat(stub.arriveBarrier(arrive).getMissingList()).containsExactly("n2");
  }

  @Test
  void listLocksShowsHoldersAndExpiry() {
    String n1 = lease("n1", Duration.ofSeconds(30));
    members(new StepRule(false, 2, 0), "n1");
    stub.acquirePermit(
        AcquirePermitRequest.newBuilder().setScope(SCOPE).setNode("n1").setLeaseId(n1).build());

    LockHolding holding =
        stub.listLocks(ListLocksRequest.getDefaultInstance()).getHoldingsList().get(0);
    assertThat(holding.getKind()).isEqualTo(LockHolding.Kind.PERMIT);
    assertThat(holding.getScope()).isEqualTo(SCOPE);
    assertThat(holding.getHolder()).isEqualTo("n1");
    assertThat(holding.getExpires().getSeconds())
        .isEqualTo(clock.instant().plusSeconds(30).getEpochSecond());
  }
}
