package dev.eden.reconciler.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentTest {

  @TempDir Path dir;
  final FakeClock clock = FakeClock.now();
  Trust trust;

  @BeforeEach
  void open() {
    trust = Trust.open(TrustOptions.defaults(dir), clock, AuditSink.logging());
  }

  @AfterEach
  void close() {
    trust.close();
  }

  TrustException.Reason refusal(Runnable r) {
    try {
      r.run();
    } catch (TrustException e) {
      return e.reason();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void tokenUsedTwiceIsRejected() {
    String secret = trust.tokens().create(Duration.ofHours(1), Optional.empty(), Map.of()).secret();
    Enrollment e = trust.enrollment();

    assertThat(e.enroll("a", TestKeys.of("a").csr(), Optional.of(secret), "test"))
        .isInstanceOf(Enrollment.Outcome.Issued.class);
    assertThatThrownBy(() -> e.enroll("b", TestKeys.of("b").csr(), Optional.of(secret), "test"))
        .isInstanceOf(TrustException.class)
        .hasMessage("bootstrap token refused: token was already used");
  }

  @Test
  void tokenAfterItsTtlIsRejected() {
    String secret = trust.tokens().create(Duration.ofHours(1), Optional.empty(), Map.of()).secret();
    clock.advance(Duration.ofMinutes(61));

    assertThatThrownBy(
            () -> trust.enrollment().enroll("a", TestKeys.of("a").csr(), Optional.of(secret), "t"))
        .hasMessage("bootstrap token refused: token expired");
  }

  @Test
  void tokenBoundToANodeIsRefusedForAnotherAndStaysUsable() {
    var token =
        trust.tokens().create(Duration.ofHours(1), Optional.of("web-1"), Map.of("tier", "web"));

    assertThat(refusal(() -> trust.tokens().redeem(token.secret(), "web-2")))
        .isEqualTo(TrustException.Reason.DENIED);
    assertThat(
            trust
                .enrollment()
                .enroll("web-1", TestKeys.of("web-1").csr(), Optional.of(token.secret()), "t"))
        .isInstanceOf(Enrollment.Outcome.Issued.class);
    assertThat(trust.ledger().labels("web-1")).isEqualTo(Map.of("tier", "web"));
  }

  @Test
  void unknownTokenIsRejected() {
    assertThat(refusal(() -> trust.tokens().redeem("not-a-token", "a")))
        .isEqualTo(TrustException.Reason.UNAUTHENTICATED);
  }

  @Test
  void tokensAreStoredOnlyAsHashes() throws Exception {
    String secret = trust.tokens().create(Duration.ofHours(1), Optional.empty(), Map.of()).secret();
    trust.close();

    byte[] db = Files.readAllBytes(dir.resolve("trust.db"));
    assertThat(new String(db, StandardCharsets.ISO_8859_1))
        .doesNotContain(secret)
        .contains(TokenStore.hash(secret));
    trust = Trust.open(TrustOptions.defaults(dir), clock, AuditSink.logging());
  }

  @Test
  void withoutTokenTheRequestWaitsForApprovalThenSucceeds() {
    TestKeys keys = TestKeys.of("db-1");
    Enrollment e = trust.enrollment();

    assertThat(e.enroll("db-1", keys.csr(), Optional.empty(), "10.0.0.5"))
        .isInstanceOf(Enrollment.Outcome.Pending.class);
    assertThat(e.enroll("db-1", keys.csr(), Optional.empty(), "10.0.0.5"))
        .isInstanceOf(Enrollment.Outcome.Pending.class);
    assertThat(trust.pending().list())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.node()).isEqualTo("db-1");
              assertThat(p.approved()).isFalse();
            });

    e.approve("db-1");

    assertThat(e.enroll("db-1", keys.csr(), Optional.empty(), "10.0.0.5"))
        .isInstanceOf(Enrollment.Outcome.Issued.class);
    assertThat(trust.pending().list()).isEmpty();
  }

  @Test
  void anotherKeyCannotTakeOverAPendingRequest() {
    trust.enrollment().enroll("db-1", TestKeys.of("db-1").csr(), Optional.empty(), "a");

    assertThat(
            refusal(
                () ->
                    trust
                        .enrollment()
                        .enroll("db-1", TestKeys.of("db-1").csr(), Optional.empty(), "b")))
        .isEqualTo(TrustException.Reason.CONFLICT);
  }

  @Test
  void approvingAnUnknownNodeIsNotFound() {
    assertThat(refusal(() -> trust.enrollment().approve("ghost")))
        .isEqualTo(TrustException.Reason.NOT_FOUND);
  }

  @Test
  void csrMustNameTheRequestedNode() {
    assertThatThrownBy(
            () -> trust.enrollment().enroll("a", TestKeys.of("b").csr(), Optional.empty(), "t"))
        .hasMessage("csr_pem: the subject CN 'b' must equal the name 'a'");
  }

  @Test
  void garbageCsrsGetClearMessages() {
    assertThatThrownBy(() -> CertificateRequest.parse(""))
        .hasMessage("csr_pem is empty or not PEM");
    assertThatThrownBy(() -> CertificateRequest.parse(trust.ca().certificatePem()))
        .hasMessageContaining("is not a PEM-encoded PKCS#10 certificate request");
    String csr = TestKeys.of("a").csr();
    String tampered = csr.replace(csr.substring(100, 104), "AAAA");
    assertThatThrownBy(() -> CertificateRequest.parse(tampered)).hasMessageStartingWith("csr_pem");
  }

  @Test
  void caIsCreatedOnceWithAPrivateKeyFileAndReloaded() throws Exception {
    Path key = dir.resolve("pki/ca.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String fingerprint = trust.ca().fingerprint();

    assertThat(CertificateAuthority.loadOrCreate(dir.resolve("pki"), clock).fingerprint())
        .isEqualTo(fingerprint);
  }

  @Test
  void operatorSuppliedCaIsUsedAndAMismatchedKeyIsRefused() {
    Path other = dir.resolve("other");
    CertificateAuthority.loadOrCreate(other, clock);
    Path cert = other.resolve("ca.crt");

    var options = TrustOptions.defaults(dir.resolve("d2")).withCa(cert, other.resolve("ca.key"));
    try (Trust t = Trust.open(options, clock, AuditSink.logging())) {
      assertThat(t.ca().certificate().getSubjectX500Principal().getName()).isEqualTo("CN=eden CA");
    }
    assertThat(refusal(() -> CertificateAuthority.load(cert, dir.resolve("pki/ca.key"), clock)))
        .isEqualTo(TrustException.Reason.INVALID_REQUEST);
  }

  @Test
  void adminConfigIsWrittenOnceWithMode0600() throws Exception {
    Path file = trust.writeAdminConfigIfAbsent("127.0.0.1:7420");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String yaml = Files.readString(file);
    assertThat(yaml)
        .contains("server: \"127.0.0.1:7420\"", "role: admin", "BEGIN CERTIFICATE", "PRIVATE KEY");
    assertThat(trust.writeAdminConfigIfAbsent("elsewhere:1")).isEqualTo(file);
    assertThat(Files.readString(file)).isEqualTo(yaml);
  }
}
