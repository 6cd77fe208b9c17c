package dev.eden.reconciler.review.forge;

/** The states eden gives its {@code eden/plan} commit status. */
public enum CommitState {
  PENDING,
  SUCCESS,
  FAILURE
}
