package dev.eden.reconciler.coord;

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

  public static BindableService service(
      CoordinationStore store,
      NodeLiveness liveness,
      NodeLabels labels,
      Clock clock,
      Settings settings) {
    return new CoordinationServiceImpl(store, liveness, labels, clock, settings);
  }
}
