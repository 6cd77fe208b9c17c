package dev.eden.agent.cond;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL compiler and runtime of step conditions, over {@code node}, {@code facts}, {@code vars},
 * {@code outputs} and {@code event}. Built on first use ({@link #INSTANCE} is only touched by
 * {@link Conditions#compile}), because CEL loads several hundred classes: a plan without conditions
 * (the masterless {@code eden apply} of most repositories) never pays for it.
 */
final class CelEnvironment {

  /** {@code facts.memoryMb < 512}: facts are doubles, and an int literal compares with them. */
  private static final CelOptions OPTIONS =
      CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

  /** Made after {@link #OPTIONS}, which it uses. */
  static final CelEnvironment INSTANCE = new CelEnvironment();

  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .addVar("node", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("facts", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("vars", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("outputs", MapType.create(SimpleType.STRING, SimpleType.STRING))
          .addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .setResultType(SimpleType.BOOL)
          .build();
  private final CelRuntime runtime =
      CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

  private CelEnvironment() {}

  /** Checks {@code expression} (a boolean) and makes it a program. */
  CompiledCondition compile(String expression) throws ConditionException {
    try {
      CelRuntime.Program program = runtime.createProgram(compiler.compile(expression).getAst());
      return new CompiledCondition(expression, program);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new ConditionException("invalid condition '" + expression + "': " + e.getMessage(), e);
    }
  }
}
