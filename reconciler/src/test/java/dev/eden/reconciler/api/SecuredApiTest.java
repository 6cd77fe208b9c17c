package dev.eden.reconciler.api;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eden.common.WireText;
import dev.eden.proto.AcquirePermitRequest;
import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.ApproveTaskBookRequest;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.CoordScope;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.CreateTokenRequest;
import dev.eden.proto.Event;
import dev.eden.proto.FetchNowRequest;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.ListBeaconsRequest;
import dev.eden.proto.ListCronJobsRequest;
import dev.eden.proto.ListDispatchesRequest;
import dev.eden.proto.ListEventsRequest;
import dev.eden.proto.ListLocksRequest;
import dev.eden.proto.ListNodesRequest;
import dev.eden.proto.ListTaskBooksRequest;
import dev.eden.proto.ListTriggersRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.PublishExportRequest;
import dev.eden.proto.ReadExportRequest;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.ReleasePermitRequest;
import dev.eden.proto.RenewLeaseRequest;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RevokeLeaseRequest;
import dev.eden.proto.RevokeNodeRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.TrustAdminServiceGrpc;
import dev.eden.reconciler.Reconciler;
import dev.eden.reconciler.ReconcilerConfig;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.reconciler.testkit.TextCompiler;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.CertificateAuthority;
import dev.eden.reconciler.trust.GrpcSecurity;
import dev.eden.reconciler.trust.Role;
import dev.eden.reconciler.trust.TestKeys;
import dev.eden.reconciler.trust.Trust;
import dev.eden.reconciler.trust.TrustOptions;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent and control services behind mutual TLS: identity from the certificate only. */
class SecuredApiTest {

  @TempDir Path tmp;
  GitRepoFixture repo;
  GrpcSecurity security;
  Reconciler reconciler;
  final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeEach
  void start() {
    repo = GitRepoFixture.create(tmp.resolve("repo"));
    repo.commit("first", Map.of("all.txt", "echo {{role}}"));
    ReconcilerConfig config =
        ReconcilerConfig.of(repo.dir().toString(), "main", "", tmp.resolve("data"))
            .withPoll(InProcessReconciler.NO_POLL);
    security =
        GrpcSecurity.mutualTls(
            TrustOptions.defaults(tmp.resolve("data")), Clock.systemUTC(), AuditSink.logging());
    reconciler =
        Reconciler.start(
            config,
            new TextCompiler(),
            security.configure(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))),
            Clock.systemUTC(),
            security.authorizer());
    await().atMost(PATIENCE).until(() -> reconciler.accepted().current().isPresent());
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    reconciler.close();
    security.close();
    repo.close();
  }

  ManagedChannel as(Function<KeyPair, X509Certificate> issue) {
    CertificateAuthority ca = security.trust().orElseThrow().ca();
    ManagedChannel c = TlsChannels.open(ca, reconciler.grpcPort(), issue);
    channels.add(c);
    return c;
  }

  ManagedChannel node(String name) {
    CertificateAuthority ca = security.trust().orElseThrow().ca();
    return as(p -> ca.issueNode(p.getPublic(), name, Duration.ofDays(1)));
  }

  ManagedChannel user(String name, Role role) {
    CertificateAuthority ca = security.trust().orElseThrow().ca();
    return as(p -> ca.issueUser(p.getPublic(), name, role, Duration.ofDays(1)));
  }

  static AgentServiceGrpc.AgentServiceBlockingStub agent(ManagedChannel c) {
    return AgentServiceGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  static ControlServiceGrpc.ControlServiceBlockingStub control(ManagedChannel c) {
    return ControlServiceGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  static Status.Code code(Runnable call) {
    try {
      call.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void aNodeActsOnlyAsItselfAndEveryRefusalIsAnEvent() {
    ManagedChannel web1 = node("web-1");
    ManagedChannel web2 = node("web-2");
    agent(web1).register(register("web-1"));
    agent(web2).register(register("web-2"));

    assertThat(agent(web1).getPlan(GetPlanRequest.newBuilder().setNode("web-1").build()).hasPlan())
        .isTrue();
    assertThat(
            code(() -> agent(web1).getPlan(GetPlanRequest.newBuilder().setNode("web-2").build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> agent(web1).register(register("web-2"))))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(
                () ->
                    agent(web1)
                        .reportRun(
                            ReportRunRequest.newBuilder()
                                .setReport(RunReport.newBuilder().setRunId("r1").setNode("web-2"))
                                .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);

    List<Event> denied =
        control(user("ana", Role.VIEWER))
            .listEvents(ListEventsRequest.newBuilder().setNode("web-1").build())
            .getEventsList()
            .stream()
            .filter(e -> e.getReason().equals("PermissionDenied"))
            .toList();
    assertThat(denied)
        .extracting(Event::getMessage)
        .containsExactly(
            "node/web-1 tried eden.v1.AgentService/GetPlan on node web-2",
            "node/web-1 tried eden.v1.AgentService/Register on node web-2",
            "node/web-1 tried eden.v1.AgentService/ReportRun on node web-2");
    assertThat(denied).allSatisfy(e -> assertThat(e.getType()).isEqualTo(Event.Type.WARNING));
  }

  @Test
  void aNodeTakesPermitsAndReadsExportsOnlyAsItself() {
    ManagedChannel web1 = node("web-1");
    ManagedChannel web2 = node("web-2");
    agent(web1).register(register("web-1"));
    agent(web2).register(register("web-2"));
    var coord1 =
        CoordinationServiceGrpc.newBlockingStub(web1).withDeadlineAfter(10, TimeUnit.SECONDS);
    var coord2 =
        CoordinationServiceGrpc.newBlockingStub(web2).withDeadlineAfter(10, TimeUnit.SECONDS);
    CoordScope scope =
        CoordScope.newBuilder().setTaskbook("ops/t").setStepId("ops/t/s").setRun("r1").build();
    String lease2 =
        coord2.grantLease(GrantLeaseRequest.newBuilder().setNode("web-2").build()).getLeaseId();
    coord2.publishExport(
        PublishExportRequest.newBuilder()
            .setNamespace("ops")
            .setName("join")
            .setValue("s3cr3t-value")
            .setVisibleTo("role=web")
            .setNode("web-2")
            .build());

    assertThat(
            code(
                () ->
                    coord1.acquirePermit(
                        AcquirePermitRequest.newBuilder()
                            .setScope(scope)
                            .setNode("web-2")
                            .setLeaseId(lease2)
                            .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(
                () ->
                    coord1.releasePermit(
                        ReleasePermitRequest.newBuilder()
                            .setScope(scope)
                            .setNode("web-2")
                            .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(
                () ->
                    coord1.readExport(
                        ReadExportRequest.newBuilder()
                            .setNamespace("ops")
                            .setName("join")
                            .setNode("web-2")
                            .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            coord1
                .readExport(
                    ReadExportRequest.newBuilder()
                        .setNamespace("ops")
                        .setName("join")
                        .setNode("web-1")
                        .build())
                .getValue())
        .isEqualTo("s3cr3t-value");

    List<Event> events =
        control(user("ana", Role.VIEWER))
            .listEvents(ListEventsRequest.newBuilder().setNode("web-1").build())
            .getEventsList();
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("PermissionDenied"))
        .extracting(Event::getMessage)
        .containsExactly(
            "node/web-1 tried eden.v1.CoordinationService/AcquirePermit on node web-2",
            "node/web-1 tried eden.v1.CoordinationService/ReleasePermit on node web-2",
            "node/web-1 tried eden.v1.CoordinationService/ReadExport on node web-2");
    assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("s3cr3t"));
  }

  @Test
  void aNodeUsesOnlyItsOwnLeasesAndCannotListLocks() {
    ManagedChannel web1 = node("web-1");
    ManagedChannel web2 = node("web-2");
    agent(web1).register(register("web-1"));
    agent(web2).register(register("web-2"));
    var coord1 =
        CoordinationServiceGrpc.newBlockingStub(web1).withDeadlineAfter(10, TimeUnit.SECONDS);
    var coord2 =
        CoordinationServiceGrpc.newBlockingStub(web2).withDeadlineAfter(10, TimeUnit.SECONDS);
    CoordScope scope =
        CoordScope.newBuilder().setTaskbook("ops/t").setStepId("ops/t/s").setRun("r2").build();
    String lease2 =
        coord2.grantLease(GrantLeaseRequest.newBuilder().setNode("web-2").build()).getLeaseId();

    assertThat(
            code(
                () -> coord1.renewLease(RenewLeaseRequest.newBuilder().setLeaseId(lease2).build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(
                () ->
                    coord1.revokeLease(RevokeLeaseRequest.newBuilder().setLeaseId(lease2).build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(
                () ->
                    coord1.acquirePermit(
                        AcquirePermitRequest.newBuilder()
                            .setScope(scope)
                            .setNode("web-1")
                            .setLeaseId(lease2)
                            .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> coord1.listLocks(ListLocksRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    // the lease survived the attempts, and its holder still renews it
    assertThat(
            coord2
                .renewLease(RenewLeaseRequest.newBuilder().setLeaseId(lease2).build())
                .getHolder())
        .isEqualTo("web-2");
    assertThat(
            CoordinationServiceGrpc.newBlockingStub(user("ana", Role.VIEWER))
                .listLocks(ListLocksRequest.getDefaultInstance())
                .getHoldingsCount())
        .isZero();
    assertThat(
            control(user("ana", Role.VIEWER))
                .listEvents(ListEventsRequest.newBuilder().setNode("web-1").build())
                .getEventsList())
        .filteredOn(e -> e.getReason().equals("PermissionDenied"))
        .extracting(Event::getMessage)
        .containsExactly(
            "node/web-1 tried eden.v1.CoordinationService/RenewLease on node web-2",
            "node/web-1 tried eden.v1.CoordinationService/RevokeLease on node web-2",
            "node/web-1 tried eden.v1.CoordinationService/AcquirePermit on node web-2",
            "node/web-1 tried eden.v1.CoordinationService/ListLocks on role viewer");
  }

  @Test
  void peopleNeedTheirRoleAndNodesCannotUseTheControlService() {
    assertThat(control(user("val", Role.VIEWER)).listNodes(ListNodesRequest.getDefaultInstance()))
        .isNotNull();
    assertThat(
            code(
                () ->
                    control(user("val", Role.VIEWER))
                        .fetchNow(FetchNowRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(
                () ->
                    control(user("op", Role.OPERATOR))
                        .fetchNow(FetchNowRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.OK);
    assertThat(code(() -> control(node("web-1")).listNodes(ListNodesRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(code(() -> agent(user("root", Role.ADMIN)).register(register("web-1"))))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void trustAdministrationNeedsTheAdminRoleAndRefusalsAreEvents() {
    var asOperator =
        TrustAdminServiceGrpc.newBlockingStub(user("op", Role.OPERATOR))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    var asNode =
        TrustAdminServiceGrpc.newBlockingStub(node("web-1"))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    assertThat(code(() -> asOperator.createToken(CreateTokenRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(() -> asNode.revokeNode(RevokeNodeRequest.newBuilder().setNode("web-2").build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            TrustAdminServiceGrpc.newBlockingStub(user("root", Role.ADMIN))
                .createToken(CreateTokenRequest.getDefaultInstance())
                .getToken())
        .isNotEmpty();

    assertThat(
            control(user("ana", Role.VIEWER))
                .listEvents(ListEventsRequest.getDefaultInstance())
                .getEventsList())
        .filteredOn(e -> e.getReason().equals("PermissionDenied"))
        .extracting(Event::getMessage)
        .containsExactly(
            "user/op(operator) tried eden.v1.TrustAdminService/CreateToken on role admin",
            "node/web-1 tried eden.v1.TrustAdminService/RevokeNode on role admin");
  }

  @Test
  void anEnrollmentWaitingForApprovalIsListedAsAPendingNode() {
    Trust trust = security.trust().orElseThrow();
    reconciler.showPendingEnrollments(trust);
    trust.enrollment().enroll("db-1", TestKeys.of("db-1").csr(), Optional.empty(), "10.0.0.5");

    var viewer = control(user("val", Role.VIEWER));
    assertThat(viewer.listNodes(ListNodesRequest.getDefaultInstance()).getNodesList())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.getName()).isEqualTo("db-1");
              assertThat(WireText.of(n.getState())).isEqualTo("Pending");
              assertThat(n.getReason()).isEqualTo("AwaitingApproval");
              assertThat(n.getRegistered()).isFalse();
            });

    trust.enrollment().approve("db-1");
    assertThat(viewer.listNodes(ListNodesRequest.getDefaultInstance()).getNodesList()).isEmpty();
  }

  @Test
  void viewersListTaskBooksButOnlyOperatorsApprove() {
    ApproveTaskBookRequest approve =
        ApproveTaskBookRequest.newBuilder().setTaskbook("ops/motd").build();

    assertThat(
            code(
                () ->
                    control(user("val", Role.VIEWER))
                        .listTaskBooks(ListTaskBooksRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.OK);
    assertThat(code(() -> control(user("val", Role.VIEWER)).approveTaskBook(approve)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    // an operator gets past the role check: this repository has no such TaskBook
    assertThat(code(() -> control(user("op", Role.OPERATOR)).approveTaskBook(approve)))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void viewersListCronJobsTriggersBeaconsAndDispatchesAndNodesCannot() {
    List<java.util.function.Function<ManagedChannel, Object>> listings =
        List.of(
            c -> control(c).listCronJobs(ListCronJobsRequest.getDefaultInstance()),
            c -> control(c).listTriggers(ListTriggersRequest.getDefaultInstance()),
            c -> control(c).listBeacons(ListBeaconsRequest.getDefaultInstance()),
            c -> control(c).listDispatches(ListDispatchesRequest.getDefaultInstance()));
    ManagedChannel viewer = user("val", Role.VIEWER);
    ManagedChannel node = node("web-1");
    for (var list : listings) {
      assertThat(code(() -> list.apply(viewer))).isEqualTo(Status.Code.OK);
      assertThat(code(() -> list.apply(node))).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
  }

  @Test
  void plaintextClientsAreRefusedCleanly() {
    ManagedChannel plain =
        NettyChannelBuilder.forAddress("127.0.0.1", reconciler.grpcPort()).usePlaintext().build();
    channels.add(plain);

    assertThat(code(() -> control(plain).listNodes(ListNodesRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.UNAVAILABLE);
    assertThatThrownBy(() -> agent(plain).register(register("web-1")))
        .isInstanceOf(StatusRuntimeException.class);
  }

  private static RegisterRequest register(String name) {
    return RegisterRequest.newBuilder()
        .setNode(NodeInfo.newBuilder().setName(name).putLabels("role", "web"))
        .build();
  }
}
