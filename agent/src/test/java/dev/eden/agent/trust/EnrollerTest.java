package dev.eden.agent.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.proto.EnrollmentServiceGrpc;
import dev.eden.proto.RenewRequest;
import dev.eden.reconciler.trust.AuditSink;
import dev.eden.reconciler.trust.Trust;
import dev.eden.reconciler.trust.TrustOptions;
import dev.eden.testkit.FakeClock;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's side of enrollment against the reconciler's real trust, over real TLS. */
class EnrollerTest {

  @TempDir Path dir;
  final FakeClock clock = FakeClock.now();
  final List<Duration> pauses = new ArrayList<>();
  Trust trust;
  Server server;
  String target;

  @BeforeEach
  void start() throws Exception {
    trust =
        Trust.open(TrustOptions.defaults(dir.resolve("reconciler")), clock, AuditSink.logging());
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(trust.serverSslContext())
            .intercept(trust.interceptor())
            .addService(trust.enrollmentService())
            .build()
            .start();
    target = "127.0.0.1:" + server.getPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    trust.close();
  }

  String token(Optional<String> node) {
    var t = trust.tokens().create(Duration.ofHours(1), node, Map.of());
    return t.secret() + "." + trust.ca().fingerprint();
  }

  @Test
  void enrollsWithATokenThatPinsTheCaAndKeepsTheKeyPrivate() throws Exception {
    Path data = dir.resolve("agent");
    EnrollmentToken token = EnrollmentToken.parse(token(Optional.of("web-1")));

    NodeCredentials creds =
        AgentTrust.ensureEnrolled(
            target, data, "web-1", Optional.of(token), Optional.empty(), clock, pauses::add);

    assertThat(creds.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=web-1");
    assertThat(creds.ca()).isEqualTo(trust.ca().certificate());
    Path key = NodePki.in(data).keyFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(pauses).isEmpty();
    assertThat(
            AgentTrust.ensureEnrolled(
                target, data, "web-1", Optional.empty(), Optional.empty(), clock, pauses::add))
        .isEqualTo(creds);
  }

  @Test
  void withoutATokenWaitsUntilAnAdminApproves() throws Exception {
    Path caFile = dir.resolve("ca.crt");
    Files.writeString(caFile, trust.ca().certificatePem());
    Pause approveOnSecondWait =
        d -> {
          pauses.add(d);
          if (pauses.size() == 2) {
            trust.enrollment().approve("db-1");
          }
        };

    NodeCredentials creds =
        AgentTrust.ensureEnrolled(
            target,
            dir.resolve("agent"),
            "db-1",
            Optional.empty(),
            Optional.of(caFile),
            clock,
            approveOnSecondWait);

    assertThat(creds.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=db-1");
    assertThat(pauses)
        .hasSize(2)
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));
  }

  @Test
  void aTokenWhoseCaHashIsNotTheServersFailsWithoutRetrying() {
    String wrong = token(Optional.empty()).replaceAll("\\.[0-9a-f]{64}$", "." + "ab".repeat(32));

    assertThatThrownBy(
            () ->
                AgentTrust.ensureEnrolled(
                    target,
                    dir.resolve("agent"),
                    "web-1",
                    Optional.of(EnrollmentToken.parse(wrong)),
                    Optional.empty(),
                    clock,
                    pauses::add))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessageContaining("CA is not the one this node trusts");
    assertThat(pauses).isEmpty();
  }

  @Test
  void aUsedTokenIsRefusedWithTheServersReason() throws Exception {
    String token = token(Optional.empty());
    AgentTrust.ensureEnrolled(
        target,
        dir.resolve("a1"),
        "a1",
        Optional.of(EnrollmentToken.parse(token)),
        Optional.empty(),
        clock,
        pauses::add);

    assertThatThrownBy(
            () ->
                AgentTrust.ensureEnrolled(
                    target,
                    dir.resolve("a2"),
                    "a2",
                    Optional.of(EnrollmentToken.parse(token)),
                    Optional.empty(),
                    clock,
                    pauses::add))
        .isInstanceOf(EnrollmentFailedException.class)
        .hasMessageContaining("token was already used");
  }

  @Test
  void renewsAfterTwoThirdsOfTheValidityOverMutualTls() throws Exception {
    Path data = dir.resolve("agent");
    NodeCredentials creds =
        AgentTrust.ensureEnrolled(
            target,
            data,
            "web-1",
            Optional.of(EnrollmentToken.parse(token(Optional.empty()))),
            Optional.empty(),
            clock,
            pauses::add);
    Enroller enroller = new Enroller(clock, pauses::add);
    ManagedChannel mtls = AgentChannels.mutualTls(target, creds).build();
    try {
      clock.advance(Duration.ofDays(19));
      assertThat(enroller.renewIfDue(mtls, NodePki.in(data), creds)).isEmpty();

      clock.advance(Duration.ofDays(2));
      NodeCredentials renewed = enroller.renewIfDue(mtls, NodePki.in(data), creds).orElseThrow();

      assertThat(renewed.certificate().getNotAfter()).isAfter(creds.certificate().getNotAfter());
      assertThat(NodePki.in(data).credentials().orElseThrow().certificate())
          .isEqualTo(renewed.certificate());
    } finally {
      AgentChannels.close(mtls);
    }
  }

  @Test
  void aRunningAgentRenewsAndReconnectsWithTheNewCertificate() throws Exception {
    Path data = dir.resolve("agent");
    NodeCredentials creds =
        AgentTrust.ensureEnrolled(
            target,
            data,
            "web-1",
            Optional.of(EnrollmentToken.parse(token(Optional.empty()))),
            Optional.empty(),
            clock,
            pauses::add);
    RenewableChannel channel = RenewableChannel.to(target, creds);
    try (CertificateRenewal renewal =
        new CertificateRenewal(new Enroller(clock, pauses::add), NodePki.in(data), channel)) {
      assertThat(renewal.checkNow()).isEmpty();

      clock.advance(Duration.ofDays(21));
      NodeCredentials renewed = renewal.checkNow().orElseThrow();
      clock.advance(Duration.ofDays(10));

      assertThat(channel.credentials()).isEqualTo(renewed);
      assertThat(creds.certificate().getNotAfter().toInstant()).isBefore(clock.instant());
      assertThat(renewal.checkNow()).isEmpty();
      clock.advance(Duration.ofDays(10));
      assertThat(renewal.checkNow()).isPresent();
    } finally {
      AgentChannels.close(channel);
    }
  }

  @Test
  void renewalNeedsAClientCertificate() throws Exception {
    var ca = new CaAnchor.Certificate(trust.ca().certificate());
    ManagedChannel anonymous =
        AgentChannels.withTls(target, TlsClientContexts.bootstrap(ca)).build();
    try {
      assertThatThrownBy(
              () ->
                  EnrollmentServiceGrpc.newBlockingStub(anonymous)
                      .renew(RenewRequest.newBuilder().setCsrPem("x").build()))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("UNAUTHENTICATED");
    } finally {
      AgentChannels.close(anonymous);
    }
  }

  @Test
  void tokensParseAndNeverPrintTheirSecret() {
    String text = "abcdefghijklmnopqrstuvwxyz012345." + "0f".repeat(32);
    EnrollmentToken t = EnrollmentToken.parse(text);

    assertThat(t.caSha256()).contains("0f".repeat(32));
    assertThat(t.toString()).doesNotContain("abcdefghijklmnopqrstuvwxyz012345");
    assertThatThrownBy(() -> EnrollmentToken.parse("short"))
        .hasMessage("--enroll: not an eden bootstrap token");
  }
}
