package dev.eden.reconciler.pipeline;

import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.PlanHash;
import java.util.List;
import java.util.Map;

/** The result of compiling one revision: accepted whole, or rejected whole. */
public sealed interface CompileOutcome {

  /**
   * Every requested node's plan. A node may be present with an empty plan (it is known but has
   * nothing to do). {@code hash} and {@code revision} of the plans are (re)set by the pipeline
   * through {@link PlanHash}, so the compiler may leave them empty.
   *
   * @param plans node name → plan
   * @param objects how many objects the revision holds
   */
  record Accepted(Map<String, NodePlan> plans, int objects) implements CompileOutcome {
    public Accepted {
      plans = Map.copyOf(plans);
    }
  }

  /**
   * The revision must not be served.
   *
   * @param errors located errors, {@code path:LINE:COL: message}, sorted
   */
  record Rejected(List<String> errors) implements CompileOutcome {
    public Rejected {
      errors = List.copyOf(errors);
    }
  }
}
