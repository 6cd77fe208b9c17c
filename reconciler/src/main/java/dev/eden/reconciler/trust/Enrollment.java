package dev.eden.reconciler.trust;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How nodes and users get certificates: a CSR with a one-time token is signed at once; without a
 * token it waits for an admin's approval; a node renews with its current certificate.
 */
public final class Enrollment {

  /** What an enrollment request led to. */
  public sealed interface Outcome {
    /** Signed: the node certificate. */
    record Issued(X509Certificate certificate) implements Outcome {}

    /** Stored for approval: call again after {@code retryAfter}. */
    record Pending(Duration retryAfter) implements Outcome {}
  }

  static final Duration NODE_VALIDITY = Duration.ofDays(30);
  static final Duration USER_VALIDITY = Duration.ofDays(365);
  static final Duration PENDING_RETRY = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(Enrollment.class);

  private final CertificateAuthority ca;
  private final TokenStore tokens;
  private final PendingRequests pending;
  private final CertificateLedger ledger;
  private final Duration nodeValidity;

  public Enrollment(
      CertificateAuthority ca,
      TokenStore tokens,
      PendingRequests pending,
      CertificateLedger ledger,
      Duration nodeValidity) {
    this.ca = ca;
    this.tokens = tokens;
    this.pending = pending;
    this.ledger = ledger;
    this.nodeValidity = nodeValidity;
  }

  /**
   * Enrolls {@code node}: with a token, signs at once; without, stores or answers a pending
   * request.
   *
   * @throws TrustException INVALID_REQUEST for a bad CSR or a CN other than {@code node},
   *     UNAUTHENTICATED or DENIED for a token that is refused, CONFLICT when another key is already
   *     waiting for that name
   */
  public Outcome enroll(String node, String csrPem, Optional<String> token, String peer) {
    Identity.requireName(node, "node");
    CertificateRequest csr = requireSubject(CertificateRequest.parse(csrPem), node);
    if (token.isPresent()) {
      TokenStore.Grant grant = tokens.redeem(token.get(), node);
      return new Outcome.Issued(issueNode(node, csr, grant.labels(), "token"));
    }
    Optional<PendingRequests.Pending> waiting = pending.find(node);
    if (waiting.isPresent() && !waiting.get().keySha256().equals(csr.publicKeySha256())) {
      throw new TrustException(
          TrustException.Reason.CONFLICT,
          "another key is already waiting for approval as node " + node);
    }
    if (waiting.isPresent() && waiting.get().approved()) {
      pending.remove(node);
      return new Outcome.Issued(issueNode(node, csr, Map.of(), "approval"));
    }
    pending.put(node, csrPem, csr.publicKeySha256(), peer);
    if (waiting.isEmpty()) {
      log.info(
          "event=enrollment-pending node={} key_sha256={} peer={}",
          node,
          csr.publicKeySha256(),
          peer);
    }
    return new Outcome.Pending(PENDING_RETRY);
  }

  /** Approves the pending request of {@code node} (see {@link PendingRequests#approve}). */
  public void approve(String node) {
    PendingRequests.Pending p = pending.approve(node);
    log.info("event=enrollment-approved node={} key_sha256={}", node, p.keySha256());
  }

  /**
   * A new certificate for {@code caller}, who is authenticated by its current certificate.
   *
   * @throws TrustException INVALID_REQUEST for a bad CSR or one naming another node
   */
  public X509Certificate renew(Identity.Node caller, String csrPem) {
    CertificateRequest csr = requireSubject(CertificateRequest.parse(csrPem), caller.name());
    return issueNode(caller.name(), csr, ledger.labels(caller.name()), "renewal");
  }

  /**
   * Signs a user's CSR with {@code role}.
   *
   * @throws TrustException INVALID_REQUEST for a bad CSR or a CN other than {@code user}
   */
  public X509Certificate signUser(String user, Role role, String csrPem) {
    CertificateRequest csr = requireSubject(CertificateRequest.parse(csrPem), user);
    X509Certificate cert = ca.issueUser(csr.publicKey(), user, role, USER_VALIDITY);
    ledger.recordIssued(new Identity.User(user, role), cert, Map.of());
    log.info(
        "event=user-certificate-issued user={} role={} serial={}",
        user,
        role.wireName(),
        cert.getSerialNumber().toString(16));
    return cert;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  private X509Certificate issueNode(
      String node, CertificateRequest csr, Map<String, String> labels, String how) {
    X509Certificate cert = ca.issueNode(csr.publicKey(), node, nodeValidity);
    ledger.recordIssued(new Identity.Node(node), cert, labels);
    log.info(
        "event=node-certificate-issued node={} via={} serial={} not_after={}",
        node,
        how,
        cert.getSerialNumber().toString(16),
        cert.getNotAfter().toInstant());
    return cert;
  }

  private static CertificateRequest requireSubject(CertificateRequest csr, String name) {
    if (!csr.commonName().equals(name)) {
      throw TrustException.invalid(
          "csr_pem: the subject CN '" + csr.commonName() + "' must equal the name '" + name + "'");
    }
    return csr;
  }
}
