package dev.eden.agent.beacon;

import dev.eden.proto.Event;
import dev.eden.proto.PlanBeacon;
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
   * The rule a beacon's plan names; none named means {@code failure}.
   *
   * @throws IllegalArgumentException naming the beacon and a value this agent does not know
   */
  public static EmitRule of(PlanBeacon beacon) {
    return switch (beacon.getEmitOn()) {
      case EMIT_ON_UNSPECIFIED, EMIT_ON_FAILURE -> FAILURE;
      case EMIT_ON_RECOVERY -> RECOVERY;
      case EMIT_ON_CHANGE -> CHANGE;
      case EMIT_ON_ALWAYS -> ALWAYS;
      case UNRECOGNIZED ->
          throw new IllegalArgumentException(
              "beacon "
                  + beacon.getName()
                  + ": emit.on "
                  + beacon.getEmitOnValue()
                  + " is not one of failure, recovery, change, always");
    };
  }
}
