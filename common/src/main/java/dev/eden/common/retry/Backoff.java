package dev.eden.common.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter, the one retry policy of eden: attempt {@code n} (from 0)
 * waits a random time in {@code [b/2, b]}, {@code b = min(max, initial * 2^n)}, so that many agents
 * that lost the reconciler at once do not come back at once. The randomness is passed in; waiting
 * is the caller's (on its own clock or pause).
 *
 * @param initial the bound of the first delay
 * @param max the largest bound
 * @param maxAttempts how many attempts a caller makes before giving up ({@link #exhausted})
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

  public Backoff {
    if (initial.toMillis() < 1 || max.compareTo(initial) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException(
          "backoff needs 1ms <= initial <= max and maxAttempts >= 1: "
              + initial
              + ", "
              + max
              + ", "
              + maxAttempts);
    }
  }

  /** Retries while the reconciler is briefly away: from 200ms to 10s, eight attempts. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 8);
  }

  /** A backoff that never gives up (reconnecting, polling). */
  public static Backoff unbounded(Duration initial, Duration max) {
    return new Backoff(initial, max, Integer.MAX_VALUE);
  }

  /** The delay before attempt {@code attempt + 1}, given that {@code attempt} (from 0) failed. */
  public Duration delay(int attempt, RandomGenerator random) {
    long bound = bound(attempt);
    long half = bound / 2;
    return Duration.ofMillis(half + random.nextLong(bound - half + 1));
  }

  /** True when {@code attempts} attempts have been made and no more should be. */
  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }

  /** A running count of failures, for a caller that retries one thing over and over. */
  public Attempts attempts(RandomGenerator random) {
    return new Attempts(this, random);
  }

  private long bound(int attempt) {
    long first = initial.toMillis();
    long cap = max.toMillis();
    int shift = Math.max(0, Math.min(attempt, 62));
    if (shift >= Long.numberOfLeadingZeros(first) - 1) {
      return cap;
    }
    return Math.min(cap, first << shift);
  }

  /** The delays of one retried thing: each failure doubles the bound, a success resets it. */
  public static final class Attempts {
    private final Backoff backoff;
    private final RandomGenerator random;
    private int failures;

    private Attempts(Backoff backoff, RandomGenerator random) {
      this.backoff = backoff;
      this.random = random;
    }

    /** The delay after one more failure. */
    public synchronized Duration next() {
      Duration delay = backoff.delay(failures, random);
      if (failures < Integer.MAX_VALUE) {
        failures++;
      }
      return delay;
    }

    /** It worked: the next failure starts from the initial delay again. */
    public synchronized void reset() {
      failures = 0;
    }
  }
}
