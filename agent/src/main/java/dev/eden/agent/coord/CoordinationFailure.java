package dev.eden.agent.coord;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Coordination kept a step from running; the message is the step's failure reason. */
public final class CoordinationFailure extends Exception {

  /** Why. */
  public enum Reason {
    /** A permit, barrier, result or export did not come in time. */
    TIMEOUT,
    /** This node may not read an export. */
    DENIED,
    /** The node's lease expired, and with it what it held. */
    LEASE_LOST,
    /** The reconciler could not be reached, even after retries. */
    UNAVAILABLE,
    /** The reconciler refused the request. */
    REJECTED,
    /** The agent is shutting down. */
    INTERRUPTED
  }

  private final Reason reason;

  public CoordinationFailure(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static CoordinationFailure of(String what, StatusRuntimeException e) {
    Status status = e.getStatus();
    Reason reason =
        switch (status.getCode()) {
          case PERMISSION_DENIED -> Reason.DENIED;
          case NOT_FOUND -> Reason.LEASE_LOST;
          case UNAVAILABLE -> Reason.UNAVAILABLE;
          case DEADLINE_EXCEEDED -> Reason.TIMEOUT;
          case CANCELLED -> Reason.INTERRUPTED;
          default -> Reason.REJECTED;
        };
    String detail =
        status.getDescription() == null ? status.getCode().name() : status.getDescription();
    return new CoordinationFailure(reason, what + ": " + detail);
  }
}
