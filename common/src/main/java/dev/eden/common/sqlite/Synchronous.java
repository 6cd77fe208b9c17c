package dev.eden.common.sqlite;

/**
 * How hard SQLite syncs before a commit returns ({@code PRAGMA synchronous}). In WAL mode both
 * survive a crash of the process; they differ on a power loss.
 */
public enum Synchronous {
  /**
   * The last commits may be lost on a power loss, never corrupted. For state that is rebuilt or
   * resent: the reconciler's store and coordination leases, the agent's local state.
   */
  NORMAL,
  /**
   * Every commit is on disk when it returns. For records whose loss repeats an action or reopens a
   * door: when a CronJob last fired (else it fires twice), and the trust database (used tokens,
   * issued and revoked certificates).
   */
  FULL
}
