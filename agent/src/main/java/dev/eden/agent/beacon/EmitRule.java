package dev.eden.agent.beacon;

import dev.eden.proto.Event;
import java.util.Locale;
import java.util.Optional;

/**
 * A beacon's {@code emit.on}: which results become events. A beacon that never ran counts as
 * passing, so a first failure is a change and a first pass is not a recovery.
 */
public enum EmitRule {
  /** A Warning on every failing run. */
  FAILURE,
  /** A Normal event when a check passes after failing. */
  RECOVERY,
  /** An event on every transition: Warning when it starts failing, Normal when it recovers. */
  CHANGE,
  /** An event on every run: Warning when failing, Normal when passing. */
  ALWAYS;

  /**
   * The type of the event to emit, or empty for none.
   *
   * @param before whether the previous run passed (true when there was none)
   * @param now whether this run passed
   */
  public Optional<Event.Type> decide(boolean before, boolean now) {
    Event.Type type = now ? Event.Type.NORMAL : Event.Type.WARNING;
    boolean emit =
        switch (this) {
          case FAILURE -> !now;
          case RECOVERY -> now && !before;
          case CHANGE -> now != before;
          case ALWAYS -> true;
        };
    return emit ? Optional.of(type) : Optional.empty();
  }

  /**
   * The rule a plan names ({@code failure}, {@code recovery}, {@code change}, {@code always}).
   *
   * @throws IllegalArgumentException naming the beacon and the unknown value
   */
  public static EmitRule of(String beacon, String text) {
    String name = text.isEmpty() ? "failure" : text;
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "beacon "
              + beacon
              + ": emit.on '"
              + text
              + "' is not one of failure, recovery, change, always",
          e);
    }
  }
}
