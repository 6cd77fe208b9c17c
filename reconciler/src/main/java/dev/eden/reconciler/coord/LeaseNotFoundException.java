package dev.eden.reconciler.coord;

import dev.eden.common.error.ErrorKind;

/** The lease does not exist or has expired; whatever it held is gone. */
public final class LeaseNotFoundException extends CoordinationException {

  public LeaseNotFoundException(String leaseId) {
    super("lease " + leaseId + " not found or expired", null);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.NOT_FOUND;
  }
}
