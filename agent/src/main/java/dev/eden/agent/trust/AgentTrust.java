package dev.eden.agent.trust;

import dev.eden.common.pem.Pem;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's trust on start: the stored credentials, or enrollment now ({@code --enroll TOKEN},
 * {@code --ca-cert FILE}, or neither and wait for approval given a CA).
 */
public final class AgentTrust {

  private static final Logger log = LoggerFactory.getLogger(AgentTrust.class);

  private AgentTrust() {}

  /**
   * Returns the node's credentials, enrolling first when it has none.
   *
   * @param server the reconciler's address (host:port)
   * @param token from {@code --enroll}; its CA hash, if any, pins the CA
   * @param caCert from {@code --ca-cert}
   * @throws EnrollmentFailedException when enrollment is refused or no CA is known to trust
   * @throws InterruptedException when interrupted while waiting for approval
   */
  public static NodeCredentials ensureEnrolled(
      String server,
      Path dataDir,
      String node,
      Optional<EnrollmentToken> token,
      Optional<Path> caCert,
      Clock clock,
      Pause pause)
      throws InterruptedException {
    NodePki pki = NodePki.in(dataDir);
    Optional<NodeCredentials> stored = pki.credentials();
    if (stored.isPresent()) {
      return stored.get();
    }
    CaAnchor anchor = anchor(token, caCert, pki);
    log.info(
        "event=enrollment-start node={} server={} with_token={}", node, server, token.isPresent());
    ManagedChannel channel =
        AgentChannels.withTls(server, TlsClientContexts.bootstrap(anchor)).build();
    try {
      NodeCredentials creds = new Enroller(clock, pause).enroll(channel, pki, node, token, anchor);
      log.info(
          "event=enrolled node={} not_after={}",
          node,
          creds.certificate().getNotAfter().toInstant());
      return creds;
    } finally {
      AgentChannels.close(channel);
    }
  }

  private static CaAnchor anchor(
      Optional<EnrollmentToken> token, Optional<Path> caCert, NodePki pki) {
    if (caCert.isPresent()) {
      X509Certificate ca =
          Pem.certificates(NodePki.read(caCert.get()), caCert.get().toString()).get(0);
      return new CaAnchor.Certificate(ca);
    }
    if (token.isPresent() && token.get().caSha256().isPresent()) {
      return new CaAnchor.Pinned(token.get().caSha256().get());
    }
    if (java.nio.file.Files.exists(pki.caFile())) {
      return new CaAnchor.Certificate(
          Pem.certificates(NodePki.read(pki.caFile()), pki.caFile().toString()).get(0));
    }
    throw new EnrollmentFailedException(
        "this node does not know the reconciler's CA: pass --ca-cert FILE or a token of the form"
            + " <secret>.<sha256 of the CA certificate>");
  }
}
