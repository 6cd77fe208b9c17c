package dev.eden.reconciler.dispatch;

/**
 * Which {@link Dispatcher} Triggers and CronJobs start their runs through: the reconciler's own
 * (what {@code eden run} uses too), or, in tests that watch what a component asks for, another one.
 */
@FunctionalInterface
public interface DispatcherFactory {

  Dispatcher create(Dispatcher own);

  /** The reconciler's own dispatcher. */
  static DispatcherFactory own() {
    return own -> own;
  }
}
