package dev.eden.reconciler.coord;

/** The lease does not exist or has expired; whatever it held is gone. */
public final class LeaseNotFoundException extends CoordinationException {

  public LeaseNotFoundException(String leaseId) {
    super("lease " + leaseId + " not found or expired", null);
  }
}
