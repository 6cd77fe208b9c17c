package dev.eden.agent.plan;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: each delay is in [base/2, base], base doubling to max.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  public synchronized Duration next() {
    long base = initial.toMillis() << Math.min(attempt, 30);
    if (base <= 0 || base > max.toMillis()) {
      base = max.toMillis();
    } else {
      attempt++;
    }
    long half = base / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }

  public synchronized void reset() {
    attempt = 0;
  }
}
