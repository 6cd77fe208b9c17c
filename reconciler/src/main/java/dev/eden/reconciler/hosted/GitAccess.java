package dev.eden.reconciler.hosted;

/** What a credential allows on the hosted repository; PUSH includes FETCH. */
public enum GitAccess {
  /** Clone and fetch. */
  FETCH,
  /** Also push. */
  PUSH;

  public boolean includes(GitAccess other) {
    return compareTo(other) >= 0;
  }
}
