package dev.eden.agent.cond;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/** A CEL expression checked to be boolean, ready to evaluate many times. */
public final class CompiledCondition {

  private final String expression;
  private final CelRuntime.Program program;

  CompiledCondition(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  public String expression() {
    return expression;
  }

  public boolean test(ConditionBindings bindings) throws ConditionException {
    Object result;
    try {
      result = program.eval(bindings.variables());
    } catch (CelEvaluationException e) {
      throw new ConditionException("condition '" + expression + "' failed: " + e.getMessage(), e);
    }
    if (result instanceof Boolean b) {
      return b;
    }
    throw new ConditionException("condition '" + expression + "' is not a boolean", null);
  }
}
