package dev.eden.reconciler.coord;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A counter bumped by every change to coordination state, so long polls wake up at once instead of
 * re-reading the store on a timer.
 */
final class ChangeSignal {

  private long version;

  synchronized long version() {
    return version;
  }

  synchronized void bump() {
    version++;
    notifyAll();
  }

  /** Waits until the version differs from {@code seen} or {@code max} passed. */
  synchronized void awaitChange(long seen, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (version == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
