package dev.eden.reconciler.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's periodic upkeep on one daemon thread: event retention (once at start, on the
 * caller's thread, then every {@link #PRUNE_EVERY}) and the lost-node check (every heartbeat).
 */
public final class Housekeeping implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

  /** How often retention is applied after the start. */
  public static final Duration PRUNE_EVERY = Duration.ofMinutes(5);

  private final ScheduledExecutorService executor;

  private Housekeeping(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Prunes now, then schedules both tasks. */
  public static Housekeeping start(EventPruner pruner, NodePresence presence, Duration heartbeat) {
    pruner.prune();
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "eden-housekeeping");
              t.setDaemon(true);
              return t;
            });
    long prune = PRUNE_EVERY.toMillis();
    long check = Math.max(1, heartbeat.toMillis());
    executor.scheduleWithFixedDelay(
        () -> quietly("prune_events", pruner::prune), prune, prune, TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(
        () -> quietly("check_nodes", presence::check), check, check, TimeUnit.MILLISECONDS);
    return new Housekeeping(executor);
  }

  private static void quietly(String task, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.error("event=housekeeping_failed task={} error=\"{}\"", task, e.toString(), e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
