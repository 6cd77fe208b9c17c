package dev.eden.agent.trust;

import java.time.Duration;

/** How the agent waits between enrollment polls; tests pass one that returns at once. */
@FunctionalInterface
public interface Pause {

  void pause(Duration duration) throws InterruptedException;

  /** Blocks the calling thread for the duration. */
  static Pause blocking() {
    return d -> Thread.sleep(d.toMillis());
  }
}
