package dev.eden.reconciler.coord;

import java.time.Instant;

/** Something held under a lease, as {@code eden get locks} shows it. */
public record Holding(
    Kind kind, StepKey key, String holder, String leaseId, Instant since, Instant expiresAt) {

  /** What is held. */
  public enum Kind {
    PERMIT,
    BARRIER,
    CLAIM,
    /** A run-once candidate that skips the step, passed over when choosing. */
    DECLINED
  }
}
