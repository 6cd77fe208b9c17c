package dev.eden.reconciler.coord;

import java.util.List;

/**
 * The answer to a run-once claim.
 *
 * @param chosen whether the claiming node runs the step
 * @param runners the nodes that run it or have recorded a result, sorted
 */
public record Claim(boolean chosen, List<String> runners) {

  public Claim {
    runners = List.copyOf(runners);
  }
}
