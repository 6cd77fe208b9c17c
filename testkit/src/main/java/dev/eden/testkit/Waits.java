package dev.eden.testkit;

import java.time.Duration;

/** How long tests wait for a condition: a deadline, never a sleep. */
public final class Waits {

  /** Long enough for a loaded 2-core CI machine; a condition that holds returns at once. */
  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private Waits() {}
}
