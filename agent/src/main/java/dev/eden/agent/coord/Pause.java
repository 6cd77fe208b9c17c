package dev.eden.agent.coord;

import java.time.Duration;

/** Waits between attempts; tests pass one that does not sleep. */
@FunctionalInterface
public interface Pause {

  /** Sleeps for real. */
  Pause REAL = d -> Thread.sleep(d.toMillis());

  void pause(Duration duration) throws InterruptedException;
}
