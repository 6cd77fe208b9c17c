package dev.eden.reconciler.api;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.AcquirePermitRequest;
import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.ArriveBarrierRequest;
import dev.eden.proto.AwaitBarrierRequest;
import dev.eden.proto.BarrierState;
import dev.eden.proto.ClaimTargetRequest;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.CoordScope;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.CoordinationServiceGrpc.CoordinationServiceBlockingStub;
import dev.eden.proto.Event;
import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.RegisterRequest;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.CertificateAuthority;
import dev.eden.reconciler.trust.GrpcSecurity;
import dev.eden.reconciler.trust.Role;
import dev.eden.reconciler.trust.TrustOptions;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordination decided from the reconciler's own records, behind mutual TLS: a node (its identity
 * from its certificate) may take part only in steps of its own plan of the served revision. A
 * forged barrier, claim or permit request is refused with PERMISSION_DENIED and audited.
 */
class ForgedCoordinationTest {

  private static final String MIGRATE = "ops/db/migrate";

  @TempDir Path tmp;
  private GitRepoFixture repo;
  private GrpcSecurity security;
  private Reconciler reconciler;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private String revision;

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    String sha =
        repo.commit(
            "db",
            Map.of(
                "db.yaml",
                """
                apiVersion: v1alpha
                kind: TaskBook
                metadata: {name: db, namespace: ops}
                spec:
                  targets: {selector: "role=db"}
                  steps:
                    - name: migrate
                      action: cmd.run
                      parameters: {cmd: "true"}
                      runOptions: {sync: true, serialize: {count: 1}, target: {limit: 1}}
                """));
    revision = "main@sha1:" + sha;
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL);
    security =
        GrpcSecurity.mutualTls(
            TrustOptions.defaults(tmp.resolve("data")), Clock.systemUTC(), AuditSink.logging());
    reconciler =
        Reconciler.start(
            config,
            new ManifestRevisionCompiler(new Compiler()),
            security.configure(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))),
            Clock.systemUTC(),
            security.authorizer());
    await().atMost(PATIENCE).until(() -> reconciler.store().currentRevision().isPresent());
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    reconciler.close();
    security.close();
    repo.close();
  }

  @Test
  void forgedBarrierClaimAndPermitRequestsAreRefusedAndAudited() {
    CoordinationServiceBlockingStub db1 = joined("db-1", "db");
    CoordinationServiceBlockingStub web1 = joined("web-1", "web");
    String dbLease = lease(db1, "db-1");
    String webLease = lease(web1, "web-1");

    // web-1's plan has no step ops/db/migrate; db-1's has it in the served revision only
    assertDenied(() -> web1.arriveBarrier(arrive(scope(revision), "web-1", webLease)));
    assertDenied(
        () ->
            web1.awaitBarrier(
                AwaitBarrierRequest.newBuilder()
                    .setScope(scope(revision))
                    .setNode("web-1")
                    .build()));
    assertDenied(() -> web1.claimTarget(claim(scope(revision), "web-1", webLease)));
    assertDenied(() -> web1.acquirePermit(permit(scope(revision), "web-1", webLease)));
    String other = "main@sha1:" + "0".repeat(40);
    assertDenied(() -> db1.arriveBarrier(arrive(scope(other), "db-1", dbLease)));
    assertDenied(() -> db1.claimTarget(claim(scope(other), "db-1", dbLease)));
    assertDenied(() -> db1.acquirePermit(permit(scope(other), "db-1", dbLease)));

    // the member itself is served, from the records: it is alone in the barrier and is chosen
    BarrierState state = db1.arriveBarrier(arrive(scope(revision), "db-1", dbLease));
    assertThat(state.getPassed()).isTrue();
    assertThat(state.getArrivedList()).containsExactly("db-1");
    assertThat(db1.claimTarget(claim(scope(revision), "db-1", dbLease)).getChosen()).isTrue();
    assertThat(db1.acquirePermit(permit(scope(revision), "db-1", dbLease)).getAcquired()).isTrue();

    List<Event> denied =
        ControlServiceGrpc.newBlockingStub(user("ana", Role.VIEWER))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .listEvents(ListEventsRequest.getDefaultInstance())
            .getEventsList()
            .stream()
            .filter(e -> e.getReason().equals("PermissionDenied"))
            .toList();
    assertThat(denied)
        .extracting(Event::getMessage)
        .contains(
            "node/web-1 tried eden.v1.CoordinationService/ArriveBarrier on step "
                + MIGRATE
                + "@"
                + revision,
            "node/web-1 tried eden.v1.CoordinationService/ClaimTarget on step "
                + MIGRATE
                + "@"
                + revision,
            "node/db-1 tried eden.v1.CoordinationService/AcquirePermit on step "
                + MIGRATE
                + "@"
                + other)
        .hasSize(7);
  }

  private CoordinationServiceBlockingStub joined(String name, String role) {
    ManagedChannel channel = node(name);
    AgentServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .register(
            RegisterRequest.newBuilder()
                .setNode(NodeInfo.newBuilder().setName(name).putLabels("role", role))
                .build());
    return CoordinationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static String lease(CoordinationServiceBlockingStub stub, String node) {
    return stub.grantLease(GrantLeaseRequest.newBuilder().setNode(node).build()).getLeaseId();
  }

  private static CoordScope scope(String revision) {
    return CoordScope.newBuilder()
        .setTaskbook("ops/db")
        .setStepId(MIGRATE)
        .setRevision(revision)
        .setRun(revision)
        .build();
  }

  private static ArriveBarrierRequest arrive(CoordScope scope, String node, String lease) {
    return ArriveBarrierRequest.newBuilder()
        .setScope(scope)
        .setNode(node)
        .setLeaseId(lease)
        .build();
  }

  private static ClaimTargetRequest claim(CoordScope scope, String node, String lease) {
    return ClaimTargetRequest.newBuilder().setScope(scope).setNode(node).setLeaseId(lease).build();
  }

  private static AcquirePermitRequest permit(CoordScope scope, String node, String lease) {
    return AcquirePermitRequest.newBuilder()
        .setScope(scope)
        .setNode(node)
        .setLeaseId(lease)
        .build();
  }

  private static void assertDenied(Runnable call) {
    try {
      call.run();
      throw new AssertionError("the call was not refused");
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(e.getStatus().getDescription()).contains("step " + MIGRATE + "@");
    }
  }

  private ManagedChannel node(String name) {
    CertificateAuthority ca = security.trust().orElseThrow().ca();
    return as(p -> ca.issueNode(p.getPublic(), name, Duration.ofDays(1)));
  }

  private ManagedChannel user(String name, Role role) {
    CertificateAuthority ca = security.trust().orElseThrow().ca();
    return as(p -> ca.issueUser(p.getPublic(), name, role, Duration.ofDays(1)));
  }

  private ManagedChannel as(Function<KeyPair, X509Certificate> issue) {
    CertificateAuthority ca = security.trust().orElseThrow().ca();
    ManagedChannel c = TlsChannels.open(ca, reconciler.grpcPort(), issue);
    channels.add(c);
    return c;
  }
}
