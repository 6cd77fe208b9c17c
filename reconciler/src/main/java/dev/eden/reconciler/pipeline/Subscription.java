package dev.eden.reconciler.pipeline;

/** A registered watcher; closing it stops the calls. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  @Override
  void close();
}
