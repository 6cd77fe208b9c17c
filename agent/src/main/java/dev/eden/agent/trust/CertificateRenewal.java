package dev.eden.agent.trust;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a running agent's certificate fresh: checks every {@code every} whether two thirds of its
 * validity have passed, renews over the mutual-TLS channel itself (no token) and switches the
 * channel to the new certificate.
 */
public final class CertificateRenewal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CertificateRenewal.class);

  private final Enroller enroller;
  private final NodePki pki;
  private final RenewableChannel channel;
  private ScheduledExecutorService timer;

  public CertificateRenewal(Enroller enroller, NodePki pki, RenewableChannel channel) {
    this.enroller = enroller;
    this.pki = pki;
    this.channel = channel;
  }

  /** Renews now if due; returns the new credentials when it did. Failures are logged. */
  public Optional<NodeCredentials> checkNow() {
    try {
      Optional<NodeCredentials> renewed = enroller.renewIfDue(channel, pki, channel.credentials());
      renewed.ifPresent(channel::renewed);
      return renewed;
    } catch (EnrollmentFailedException | IllegalArgumentException e) {
      log.warn("event=renewal-failed reason=\"{}\"", e.getMessage());
      return Optional.empty();
    }
  }

  /** Checks at once and then every {@code every}, on a daemon thread. */
  public void start(Duration every) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "eden-cert-renewal");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::checkNow, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
