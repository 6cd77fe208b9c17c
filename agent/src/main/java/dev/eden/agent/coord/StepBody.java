package dev.eden.agent.coord;

import com.google.protobuf.Struct;

/** The local work of one step, given its parameters with every deferred value resolved. */
public interface StepBody {

  /** Whether applying would change the node (a dry run); decides if a permit is needed. */
  boolean wouldChange(Struct parameters);

  StepOutcome apply(Struct parameters);
}
