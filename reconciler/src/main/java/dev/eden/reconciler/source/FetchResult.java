package dev.eden.reconciler.source;

/** What one fetch found. */
public sealed interface FetchResult {

  /** The branch head after the fetch (the same commit as before when nothing was pushed). */
  record Head(GitCommit commit) implements FetchResult {}

  /**
   * The fetch failed; the last fetched commit is still there.
   *
   * @param reason why, with credentials removed
   */
  record Failed(String reason) implements FetchResult {}
}
