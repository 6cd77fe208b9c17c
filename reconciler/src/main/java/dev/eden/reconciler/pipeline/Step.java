package dev.eden.reconciler.pipeline;

import java.util.List;
import java.util.function.Function;

/**
 * What one step of the revision pipeline gave: its value, or the located errors that stop the
 * revision there. Steps chain with {@link #then}: the first failure is the result.
 */
public sealed interface Step<T> {

  /** The step succeeded. */
  record Done<T>(T value) implements Step<T> {
    @Override
    public List<String> errors() {
      return List.of();
    }
  }

  /**
   * The step stopped the revision.
   *
   * @param errors located errors, {@code path:LINE:COL: message}, sorted
   */
  record Failed<T>(List<String> errors) implements Step<T> {
    public Failed {
      errors = List.copyOf(errors);
    }
  }

  /** The located errors that stopped the revision here; empty when the step succeeded. */
  List<String> errors();

  /** The next step on this one's value; this failure when this step failed. */
  default <R> Step<R> then(Function<T, Step<R>> next) {
    if (this instanceof Done<T> done) {
      return next.apply(done.value());
    }
    return new Failed<>(errors());
  }

  /** This step's value transformed; this failure when it failed. */
  default <R> Step<R> map(Function<T, R> f) {
    return then(value -> new Done<>(f.apply(value)));
  }
}
