package dev.eden.agent.trust;

import dev.eden.common.pem.Pem;
import dev.eden.common.retry.Backoff;
import dev.eden.proto.EnrollRequest;
import dev.eden.proto.EnrollResponse;
import dev.eden.proto.EnrollmentServiceGrpc;
import dev.eden.proto.RenewRequest;
import dev.eden.proto.RenewResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's side of enrollment: sends a CSR for a key made here, with a token (signed at once) or
 * without (waits, polling with capped backoff, until an admin approves); renews its certificate
 * after two thirds of its validity, authenticated by the current one.
 */
public final class Enroller {

  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(Enroller.class);

  /** Polling while enrollment waits for approval or the reconciler is away. */
  static final Backoff POLL = Backoff.unbounded(Duration.ofSeconds(1), MAX_BACKOFF);

  private final Clock clock;
  private final Pause pause;
  private final RandomGenerator random;

  public Enroller(Clock clock, Pause pause) {
    this(clock, pause, new SplittableRandom());
  }

  /** With the randomness of the backoff's jitter given. */
  public Enroller(Clock clock, Pause pause, RandomGenerator random) {
    this.clock = clock;
    this.pause = pause;
    this.random = random;
  }

  /**
   * Enrolls {@code node} through {@code channel} (TLS trusting {@code anchor}, no client
   * certificate) and stores the result in {@code pki}.
   *
   * @throws EnrollmentFailedException when the server refuses for good or its CA is not {@code
   *     anchor}
   * @throws InterruptedException when interrupted while waiting for approval
   */
  public NodeCredentials enroll(
      Channel channel, NodePki pki, String node, Optional<EnrollmentToken> token, CaAnchor anchor)
      throws InterruptedException {
    String csr = pki.pendingCsr(node);
    var stub = EnrollmentServiceGrpc.newBlockingStub(channel);
    EnrollRequest request =
        EnrollRequest.newBuilder()
            .setNode(node)
            .setCsrPem(csr)
            .setToken(token.map(EnrollmentToken::secret).orElse(""))
            .build();
    for (int attempt = 0; ; attempt++) {
      Duration wait;
      try {
        EnrollResponse response = stub.withDeadlineAfter(30, TimeUnit.SECONDS).enroll(request);
        if (response.getStatus() == EnrollResponse.Status.ISSUED) {
          return store(pki, response.getCertificateChainPem(), response.getCaPem(), anchor);
        }
        if (attempt == 0) {
          log.info(
              "event=enrollment-pending node={} message=\"waiting for 'eden nodes approve {}'\"",
              node,
              node);
        }
        wait = Duration.ofMillis(Math.max(response.getRetryAfterMs(), 1000));
      } catch (StatusRuntimeException e) {
        if (isTlsFailure(e)) {
          throw new EnrollmentFailedException(
              "TLS handshake with the reconciler failed: its CA is not the one this node trusts"
                  + " (check --ca-cert or the hash in the token)",
              e);
        }
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
          throw new EnrollmentFailedException(
              "enrollment of node " + node + " refused: " + e.getStatus().getDescription(), e);
        }
        log.warn("event=enrollment-retry node={} reason=\"{}\"", node, e.getStatus());
        wait = Duration.ZERO;
      }
      pause.pause(backoff(attempt, wait, random));
    }
  }

  /**
   * Renews the certificate when two thirds of its validity have passed; returns the new
   * credentials, or empty when renewal is not due.
   *
   * @throws EnrollmentFailedException when the server refuses the renewal
   */
  public Optional<NodeCredentials> renewIfDue(
      Channel mtlsChannel, NodePki pki, NodeCredentials current) {
    if (!current.renewalDue(clock.instant())) {
      return Optional.empty();
    }
    X509Certificate cert = current.certificate();
    String node = commonName(cert);
    String csr = Pem.certificateRequest(new KeyPair(cert.getPublicKey(), current.key()), node);
    try {
      RenewResponse response =
          EnrollmentServiceGrpc.newBlockingStub(mtlsChannel)
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .renew(RenewRequest.newBuilder().setCsrPem(csr).build());
      CaAnchor anchor = new CaAnchor.Certificate(current.ca());
      NodeCredentials renewed =
          store(pki, response.getCertificateChainPem(), response.getCaPem(), anchor);
      log.info(
          "event=certificate-renewed node={} not_after={}",
          node,
          renewed.certificate().getNotAfter().toInstant());
      return Optional.of(renewed);
    } catch (StatusRuntimeException e) {
      throw new EnrollmentFailedException(
          "renewal of node " + node + " refused: " + e.getStatus(), e);
    }
  }

  /** The {@link #POLL} delay, but never less than what the reconciler asked for, nor over max. */
  static Duration backoff(int attempt, Duration atLeast, RandomGenerator random) {
    Duration delay = POLL.delay(attempt, random);
    Duration wait = delay.compareTo(atLeast) >= 0 ? delay : atLeast;
    return wait.compareTo(MAX_BACKOFF) <= 0 ? wait : MAX_BACKOFF;
  }

  private static NodeCredentials store(
      NodePki pki, String chainPem, String caPem, CaAnchor anchor) {
    List<X509Certificate> chain = Pem.certificates(chainPem, "certificate_chain_pem");
    X509Certificate ca = Pem.certificates(caPem, "ca_pem").get(0);
    if (!anchor.matches(ca)) {
      throw new EnrollmentFailedException("the reconciler's CA is not the CA this node trusts");
    }
    try {
      chain.get(0).verify(ca.getPublicKey());
    } catch (java.security.GeneralSecurityException e) {
      throw new EnrollmentFailedException("the certificate received is not signed by the CA", e);
    }
    pki.store(chainPem, ca);
    return pki.credentials().orElseThrow();
  }

  private static boolean isTlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return true;
      }
    }
    return false;
  }

  private static String commonName(X509Certificate cert) {
    String dn = cert.getSubjectX500Principal().getName();
    for (String part : dn.split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    throw new EnrollmentFailedException("the node certificate has no CN");
  }
}
