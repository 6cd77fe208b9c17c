package dev.eden.reconciler.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.common.pem.Pem;
import dev.eden.proto.AgentServiceGrpc;
import dev.eden.proto.CreateTokenRequest;
import dev.eden.proto.EnrollRequest;
import dev.eden.proto.EnrollResponse;
import dev.eden.proto.EnrollmentServiceGrpc;
import dev.eden.proto.GetPlanRequest;
import dev.eden.proto.PlanUpdate;
import dev.eden.proto.RenewRequest;
import dev.eden.proto.ReportRunRequest;
import dev.eden.proto.RevokeNodeRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.TrustAdminServiceGrpc;
import dev.eden.proto.WatchPlanRequest;
import dev.eden.reconciler.hosted.GitAccess;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutualTlsTest {

  @TempDir Path dir;
  TrustServer s;

  @BeforeEach
  void start() {
    s = new TrustServer(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  static AgentServiceGrpc.AgentServiceBlockingStub agent(ManagedChannel c) {
    return AgentServiceGrpc.newBlockingStub(c).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @Test
  void nodeGetsItsOwnPlanButNotAnotherNodesAndTheRefusalIsAudited() {
    ManagedChannel a = s.enrolledNode(TestKeys.of("node-a"));

    assertThat(
            agent(a)
                .getPlan(GetPlanRequest.newBuilder().setNode("node-a").build())
                .getPlan()
                .getNode())
        .isEqualTo("node-a");
    assertThatThrownBy(
            () -> agent(a).getPlan(GetPlanRequest.newBuilder().setNode("node-b").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    assertThatThrownBy(
            () ->
                agent(a)
                    .reportRun(
                        ReportRunRequest.newBuilder()
                            .setReport(RunReport.newBuilder().setNode("node-b"))
                            .build()))
        .hasMessageContaining("PERMISSION_DENIED");

    assertThat(s.audit)
        .containsExactly(
            "node/node-a eden.v1.AgentService/GetPlan node node-b",
            "node/node-a eden.v1.AgentService/ReportRun node node-b");
  }

  @Test
  void callsWithoutClientCertificateAreUnauthenticatedExceptEnroll() {
    ManagedChannel anonymous = s.channel(TestKeys.serverOnlyTls(s.trust.ca().certificate()));

    assertThatThrownBy(
            () -> agent(anonymous).getPlan(GetPlanRequest.newBuilder().setNode("x").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("client certificate is required");
            });
    EnrollResponse pending =
        EnrollmentServiceGrpc.newBlockingStub(anonymous)
            .enroll(
                EnrollRequest.newBuilder()
                    .setNode("new-1")
                    .setCsrPem(TestKeys.of("new-1").csr())
                    .build());
    assertThat(pending.getStatus()).isEqualTo(EnrollResponse.Status.PENDING);
  }

  @Test
  void plaintextClientAgainstTheTlsPortFailsCleanly() {
    ManagedChannel plain = s.plaintextChannel();

    assertThatThrownBy(
            () ->
                AgentServiceGrpc.newBlockingStub(plain)
                    .withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getPlan(GetPlanRequest.newBuilder().setNode("a").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void certificateFromAForeignCaIsRejected() {
    CertificateAuthority foreign = CertificateAuthority.create("mallory CA", s.clock);
    TestKeys keys = TestKeys.of("node-a");
    X509Certificate cert = foreign.issueNode(keys.pair().getPublic(), "node-a", Duration.ofDays(1));
    ManagedChannel c = s.channel(keys.mutualTls(s.trust.ca().certificate(), cert));

    assertThatThrownBy(
            () -> agent(c).getPlan(GetPlanRequest.newBuilder().setNode("node-a").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isIn(Status.Code.UNAVAILABLE, Status.Code.UNAUTHENTICATED));
  }

  @Test
  void expiredCertificateIsRejectedByTheInjectedClock() {
    ManagedChannel a = s.enrolledNode(TestKeys.of("node-a"));
    s.clock.advance(Duration.ofDays(31));

    assertThatThrownBy(
            () -> agent(a).getPlan(GetPlanRequest.newBuilder().setNode("node-a").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).contains("expired");
            });
  }

  @Test
  void revokedNodeIsRefusedAndItsOpenStreamIsCancelledAtOnce() throws Exception {
    TestKeys keys = TestKeys.of("node-a");
    ManagedChannel a = s.enrolledNode(keys);
    CountDownLatch firstUpdate = new CountDownLatch(1);
    CompletableFuture<Throwable> streamEnd = new CompletableFuture<>();
    AgentServiceGrpc.newStub(a)
        .watchPlan(
            WatchPlanRequest.newBuilder().setNode("node-a").build(),
            new StreamObserver<>() {
              @Override
              public void onNext(PlanUpdate value) {
                firstUpdate.countDown();
              }

              @Override
              public void onError(Throwable t) {
                streamEnd.complete(t);
              }

              @Override
              public void onCompleted() {
                streamEnd.complete(null);
              }
            });
    assertThat(firstUpdate.await(10, TimeUnit.SECONDS)).isTrue();

    var revoked =
        TrustAdminServiceGrpc.newBlockingStub(s.user("root", Role.ADMIN))
            .revokeNode(RevokeNodeRequest.newBuilder().setNode("node-a").build());

    assertThat(revoked.getCancelledCalls()).isEqualTo(1);
    assertThat(Status.fromThrowable(streamEnd.get(10, TimeUnit.SECONDS)).getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThatThrownBy(
            () -> agent(a).getPlan(GetPlanRequest.newBuilder().setNode("node-a").build()))
        .hasMessageContaining("UNAUTHENTICATED")
        .hasMessageContaining("revoked");
  }

  @Test
  void enrollWithTokenOverTlsThenRenewBeforeExpiryWithoutToken() {
    String token =
        TrustAdminServiceGrpc.newBlockingStub(s.user("root", Role.ADMIN))
            .createToken(CreateTokenRequest.newBuilder().setNode("web-1").build())
            .getToken();
    assertThat(token).endsWith("." + s.trust.ca().fingerprint());
    TestKeys keys = TestKeys.of("web-1");
    ManagedChannel anonymous = s.channel(TestKeys.serverOnlyTls(s.trust.ca().certificate()));

    EnrollResponse issued =
        EnrollmentServiceGrpc.newBlockingStub(anonymous)
            .enroll(
                EnrollRequest.newBuilder()
                    .setNode("web-1")
                    .setCsrPem(keys.csr())
                    .setToken(token)
                    .build());
    assertThat(issued.getStatus()).isEqualTo(EnrollResponse.Status.ISSUED);
    X509Certificate cert = Pem.certificate(issued.getCertificateChainPem(), "chain");
    assertThat(SubjectNames.identityOf(cert)).contains(new Identity.Node("web-1"));

    s.clock.advance(Duration.ofDays(25));
    ManagedChannel node = s.nodeChannel(keys, cert);
    String renewed =
        EnrollmentServiceGrpc.newBlockingStub(node)
            .renew(RenewRequest.newBuilder().setCsrPem(keys.csr()).build())
            .getCertificateChainPem();
    X509Certificate next = Pem.certificate(renewed, "chain");
    assertThat(next.getNotAfter()).isAfter(cert.getNotAfter());

    s.clock.advance(Duration.ofDays(10));
    ManagedChannel renewedNode = s.nodeChannel(keys, next);
    assertThat(
            agent(renewedNode)
                .getPlan(GetPlanRequest.newBuilder().setNode("web-1").build())
                .hasPlan())
        .isTrue();
  }

  @Test
  void renewalCannotNameAnotherNode() {
    TestKeys keys = TestKeys.of("node-a");
    ManagedChannel a = s.enrolledNode(keys);

    assertThatThrownBy(
            () ->
                EnrollmentServiceGrpc.newBlockingStub(a)
                    .renew(RenewRequest.newBuilder().setCsrPem(keys.csrFor("node-b")).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void usersNeedTheRightRoleAndNodesAreNotUsers() {
    CreateTokenRequest request = CreateTokenRequest.newBuilder().build();

    assertThatThrownBy(
            () ->
                TrustAdminServiceGrpc.newBlockingStub(s.user("val", Role.VIEWER))
                    .createToken(request))
        .hasMessageContaining("PERMISSION_DENIED");
    assertThatThrownBy(
            () ->
                TrustAdminServiceGrpc.newBlockingStub(s.enrolledNode(TestKeys.of("n1")))
                    .createToken(request))
        .hasMessageContaining("PERMISSION_DENIED");
    assertThat(
            TrustAdminServiceGrpc.newBlockingStub(s.user("ana", Role.ADMIN))
                .createToken(request)
                .getToken())
        .isNotEmpty();
    assertThat(s.audit)
        .containsExactly(
            "user/val(viewer) eden.v1.TrustAdminService/CreateToken role admin",
            "node/n1 eden.v1.TrustAdminService/CreateToken role admin");
  }

  @Test
  void gitTokensNeedOperatorToPushAndViewerToFetch() {
    CreateTokenRequest push =
        CreateTokenRequest.newBuilder().setGitAccess(CreateTokenRequest.GitAccess.GIT_PUSH).build();
    CreateTokenRequest fetch =
        CreateTokenRequest.newBuilder()
            .setGitAccess(CreateTokenRequest.GitAccess.GIT_FETCH)
            .build();

    assertThatThrownBy(
            () ->
                TrustAdminServiceGrpc.newBlockingStub(s.user("val", Role.VIEWER)).createToken(push))
        .hasMessageContaining("PERMISSION_DENIED");
    String pushToken =
        TrustAdminServiceGrpc.newBlockingStub(s.user("oli", Role.OPERATOR))
            .createToken(push)
            .getToken();
    String fetchToken =
        TrustAdminServiceGrpc.newBlockingStub(s.user("val", Role.VIEWER))
            .createToken(fetch)
            .getToken();

    assertThat(s.trust.gitTokens().access(pushToken)).hasValue(GitAccess.PUSH);
    assertThat(s.trust.gitTokens().access(fetchToken)).hasValue(GitAccess.FETCH);
    assertThat(s.trust.gitTokens().access(pushToken + "x")).isEmpty();
    assertThat(s.trust.gitTokens().access("")).isEmpty();
  }

  @Test
  void garbageCsrGetsAClearError() {
    ManagedChannel anonymous = s.channel(TestKeys.serverOnlyTls(s.trust.ca().certificate()));

    assertThatThrownBy(
            () ->
                EnrollmentServiceGrpc.newBlockingStub(anonymous)
                    .enroll(
                        EnrollRequest.newBuilder()
                            .setNode("n1")
                            .setCsrPem("hello, I am a CSR")
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).startsWith("csr_pem");
            });
  }
}
