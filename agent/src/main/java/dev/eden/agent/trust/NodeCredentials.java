package dev.eden.agent.trust;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an enrolled node holds: its private key, its certificate chain (leaf first) and the eden CA.
 * {@link #toString()} never shows the key.
 */
public record NodeCredentials(PrivateKey key, List<X509Certificate> chain, X509Certificate ca) {

  public NodeCredentials {
    chain = List.copyOf(chain);
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** When the certificate should be renewed: after two thirds of its validity. */
  public Instant renewAt() {
    Instant from = certificate().getNotBefore().toInstant();
    Instant to = certificate().getNotAfter().toInstant();
    return from.plus(Duration.between(from, to).multipliedBy(2).dividedBy(3));
  }

  public boolean renewalDue(Instant now) {
    return !now.isBefore(renewAt());
  }

  @Override
  public String toString() {
    return "NodeCredentials[subject="
        + certificate().getSubjectX500Principal().getName()
        + ", notAfter="
        + certificate().getNotAfter().toInstant()
        + ", key=<hidden>]";
  }
}
