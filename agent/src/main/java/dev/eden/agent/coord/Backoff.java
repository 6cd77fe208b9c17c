package dev.eden.agent.coord;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: attempt {@code n} waits a random time up to {@code
 * min(max, initial * 2^n)}.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 8);
  }

  public Duration delay(int attempt, RandomGenerator random) {
    long cap = max.toMillis();
    long exp = initial.toMillis() << Math.min(attempt, 20);
    long bound = Math.max(1, Math.min(cap, exp));
    return Duration.ofMillis(bound / 2 + random.nextLong(bound / 2 + 1));
  }
}
