package dev.eden.reconciler.hosted;

import dev.eden.reconciler.source.GitCommit;
import java.util.List;

/**
 * What a pushed head must pass before the ref moves: the same verification, load, validation and
 * compile for every known node that a fetched revision goes through.
 */
@FunctionalInterface
public interface CandidateCheck {

  /**
   * @return the located errors ({@code path:LINE:COL: message}, or {@code commit <sha> ...} for a
   *     signature); empty when the head would be accepted
   */
  List<String> errors(GitCommit candidate);
}
