package dev.eden.agent.action;

import java.util.Set;

/**
 * One verb of the agent's vocabulary. An action compares the desired state with the node's, then
 * acts only when they differ (and never in a dry run). It reports bad input by throwing {@link
 * BadParameterException}, and I/O trouble as unchecked exceptions; the step runner turns both into
 * a {@link Outcome.Failed} in one place.
 */
public interface Action {

  /** The name plans use, e.g. {@code file.managed}. */
  String name();

  /** Every parameter this action accepts; any other one fails the step. */
  Set<String> parameters();

  Outcome apply(Params params, ActionContext ctx);
}
