package dev.eden.reconciler.events;

import java.time.Duration;

/**
 * How long and how many events the reconciler keeps: an event is deleted when it last happened more
 * than {@code maxAge} ago, or when {@code maxCount} newer events exist.
 */
public record EventRetention(Duration maxAge, int maxCount) {

  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
  public static final int DEFAULT_MAX_COUNT = 100_000;

  /**
   * @throws IllegalArgumentException when the age is not positive or the count is below 1
   */
  public EventRetention {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("event retention must be positive, got " + maxAge);
    }
    if (maxCount < 1) {
      throw new IllegalArgumentException("event max must be at least 1, got " + maxCount);
    }
  }

  public static EventRetention defaults() {
    return new EventRetention(DEFAULT_MAX_AGE, DEFAULT_MAX_COUNT);
  }
}
