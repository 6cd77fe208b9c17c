package dev.eden.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** Always the smallest delay the policy allows. */
  private static final RandomGenerator LOWEST = () -> 0L;

  private final Backoff backoff = Backoff.unbounded(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void boundDoublesUntilTheCapAndEveryDelayIsInItsUpperHalf() {
    SplittableRandom random = new SplittableRandom(7);
    long[] bounds = {100, 200, 400, 800, 1000, 1000, 1000};
    for (int attempt = 0; attempt < bounds.length; attempt++) {
      for (int i = 0; i < 50; i++) {
        long delay = backoff.delay(attempt, random).toMillis();
        assertThat(delay).as("attempt %d", attempt).isBetween(bounds[attempt] / 2, bounds[attempt]);
      }
    }
  }

  @Test
  void jitterComesFromTheInjectedRandomness() {
    assertThat(backoff.delay(2, LOWEST)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(2, new SplittableRandom(1)))
        .isEqualTo(backoff.delay(2, new SplittableRandom(1)));
  }

  @Test
  void hugeAttemptNumbersStayAtTheCap() {
    assertThat(backoff.delay(Integer.MAX_VALUE, LOWEST)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.delay(63, LOWEST)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void attemptsGrowOnEachFailureAndStartOverAfterReset() {
    Backoff.Attempts attempts = backoff.attempts(LOWEST);
    assertThat(attempts.next()).isEqualTo(Duration.ofMillis(50));
    assertThat(attempts.next()).isEqualTo(Duration.ofMillis(100));
    assertThat(attempts.next()).isEqualTo(Duration.ofMillis(200));
    attempts.reset();
    assertThat(attempts.next()).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void exhaustedAfterMaxAttempts() {
    Backoff three = new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 3);
    assertThat(three.exhausted(2)).isFalse();
    assertThat(three.exhausted(3)).isTrue();
  }

  @Test
  void refusesAPolicyThatCannotWork() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
