package dev.eden.agent.cond;

import dev.eden.agent.coord.Pause;
import dev.eden.proto.Condition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step conditions in CEL over {@code node}, {@code facts}, {@code vars} and {@code outputs}. Each
 * expression is compiled once and cached. {@link #awaitTrue} evaluates a condition with its {@code
 * retry {interval, limit}}, pausing through the injected {@link Pause}. CEL itself ({@link
 * CelEnvironment}) is loaded by the first {@link #compile}.
 */
public final class Conditions {

  private static final Logger log = LoggerFactory.getLogger(Conditions.class);

  private final Map<String, CompiledCondition> compiled = new ConcurrentHashMap<>();
  private final Pause pause;

  public Conditions(Pause pause) {
    this.pause = pause;
  }

  /** Compiles {@code expression} (once; later calls get the cached program). */
  public CompiledCondition compile(String expression) throws ConditionException {
    CompiledCondition cached = compiled.get(expression);
    if (cached != null) {
      return cached;
    }
    CompiledCondition condition = CelEnvironment.INSTANCE.compile(expression);
    compiled.putIfAbsent(expression, condition);
    return condition;
  }

  /** Fresh bindings for each attempt (facts, outputs may have changed, or the step re-ran). */
  @FunctionalInterface
  public interface Attempt {
    ConditionBindings bindings() throws ConditionException;
  }

  /**
   * Evaluates {@code condition} on fresh bindings up to {@code 1 + retry_limit} times, {@code
   * retry_interval} apart, until it is true. A condition without an expression is true.
   */
  public Verdict awaitTrue(Condition condition, Attempt attempt)
      throws ConditionException, InterruptedException {
    if (condition.getExpression().isBlank()) {
      return new Verdict(true, 0);
    }
    CompiledCondition compiledCondition = compile(condition.getExpression());
    int tries = 1 + Math.max(0, condition.getRetryLimit());
    Duration interval = Duration.ofMillis(Math.max(0, condition.getRetryIntervalMs()));
    for (int i = 1; ; i++) {
      if (compiledCondition.test(attempt.bindings())) {
        return new Verdict(true, i);
      }
      if (i >= tries) {
        return new Verdict(false, i);
      }
      log.debug("event=condition_retry expression={} attempt={}", condition.getExpression(), i);
      pause.pause(interval);
    }
  }

  /** Whether a condition held, and after how many evaluations. */
  public record Verdict(boolean satisfied, int attempts) {}
}
