package dev.eden.reconciler.coord;

import java.util.List;
import java.util.SortedSet;

/**
 * Who takes part in one coordinated step, as the reconciler recorded it when it accepted the
 * revision (or started the dispatch).
 *
 * @param members every node whose plan has the step (a barrier waits for the alive ones)
 * @param candidates the members that may run a target.limit step, sorted
 */
public record StepMembership(
    MemberKey key, StepRule rule, SortedSet<String> members, List<String> candidates) {

  public StepMembership {
    members = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(members));
    candidates = List.copyOf(candidates);
  }
}
