package dev.eden.reconciler.coord;

import dev.eden.reconciler.trust.Authorizer;
import io.grpc.BindableService;
import java.time.Clock;
import java.time.Duration;

/** Builds the gRPC {@code CoordinationService} that the reconciler's server adds. */
public final class CoordinationApi {

  private CoordinationApi() {}

  /**
   * Limits of the service.
   *
   * @param defaultTtl lease ttl when an agent asks for none
   * @param maxTtl the longest lease granted
   * @param maxWait the longest a long poll waits before answering
   * @param recheck how often a waiting poll re-reads state that changes with time alone (lease
   *     expiry)
   */
  public record Settings(Duration defaultTtl, Duration maxTtl, Duration maxWait, Duration recheck) {

    public static Settings defaults() {
      return new Settings(
          Duration.ofSeconds(30),
          Duration.ofMinutes(10),
          Duration.ofSeconds(20),
          Duration.ofMillis(500));
    }
  }

  /**
   * The service without authentication: every caller may act as any node. For in-process tests
   * only; the reconciler uses the overload with its {@link Authorizer}.
   */
  public static BindableService service(
      CoordinationStore store,
      NodeLiveness liveness,
      NodeLabels labels,
      Clock clock,
      Settings settings) {
    return service(store, liveness, labels, clock, settings, Authorizer.permitAll());
  }

  /** The service; a node may act (lease, permit, barrier, claim, export) only as itself. */
  public static BindableService service(
      CoordinationStore store,
      NodeLiveness liveness,
      NodeLabels labels,
      Clock clock,
      Settings settings,
      Authorizer authorizer) {
    return new CoordinationServiceImpl(store, liveness, labels, clock, settings, authorizer);
  }
}
