package dev.eden.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one fake {@link Clock} of eden's tests: UTC, it moves only when a test says so, and is safe
 * to read from the threads the code under test starts.
 */
public final class FakeClock extends Clock {

  /** Where a clock made with {@link #FakeClock()} starts. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;

  /** A clock at {@link #EPOCH}. */
  public FakeClock() {
    this(EPOCH);
  }

  public FakeClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * A clock at the real current time, for tests whose time must agree with the real one (a TLS
   * handshake checks certificates against the system clock).
   */
  public static FakeClock now() {
    return new FakeClock(Instant.now());
  }

  /** Moves the clock forward (or, with a negative duration, back). */
  public void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** The same clock: a fake clock has one zone, UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
