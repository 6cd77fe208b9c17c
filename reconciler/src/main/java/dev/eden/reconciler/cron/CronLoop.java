package dev.eden.reconciler.cron;

import dev.eden.common.Reason;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.pipeline.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's production thread: ticks at once, then at the next scheduled time, at least every
 * {@link #MAX_WAIT}, whenever a revision is accepted, and when a node finishes a dispatch while a
 * CronJob waits to start its next TaskBook. Fires run on a second thread, so a slow dispatch never
 * delays a tick.
 */
public final class CronLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CronLoop.class);

  /** The longest the loop sleeps: a clock step or a missed wake-up costs at most this much. */
  static final Duration MAX_WAIT = Duration.ofMinutes(1);

  private final ScheduledExecutorService ticker;
  private final ExecutorService fires;
  private final CronScheduler scheduler;
  private final Clock clock;
  private final Subscription revisions;
  private final AtomicBoolean closed = new AtomicBoolean();
  private ScheduledFuture<?> pending;

  private CronLoop(
      CronScheduler scheduler,
      Clock clock,
      EventLog events,
      ScheduledExecutorService ticker,
      ExecutorService fires) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.ticker = ticker;
    this.fires = fires;
    this.revisions =
        events.watch(
            e -> {
              if (e.getReason().equals(Reason.REVISION_ACCEPTED.text())
                  || (dispatchFinished(e.getReason()) && scheduler.waitsForDispatches())) {
                wake();
              }
            });
  }

  /** A node finished a dispatch: a CronJob's next TaskBook may be due. */
  private static boolean dispatchFinished(String reason) {
    return reason.equals(Reason.DISPATCH_SUCCEEDED.text())
        || reason.equals(Reason.DISPATCH_FAILED.text())
        || reason.equals(Reason.DISPATCH_CANCELLED.text());
  }

  /** Starts the ticker and the fire thread; the first tick runs at once. */
  public static CronLoop start(
      CronJobSource jobs,
      CronStateStore states,
      Dispatcher dispatcher,
      EventLog events,
      Clock clock) {
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "eden-cron"));
    ExecutorService fires = Executors.newSingleThreadExecutor(r -> daemon(r, "eden-cron-fire"));
    CronScheduler scheduler = new CronScheduler(jobs, states, dispatcher, events, clock, fires);
    CronLoop loop = new CronLoop(scheduler, clock, events, ticker, fires);
    loop.wake();
    return loop;
  }

  /** Ticks now (a revision changed), then goes on from the new next time. */
  public void wake() {
    try {
      ticker.execute(this::tickAndReschedule);
    } catch (RejectedExecutionException e) {
      LOG.debug("event=cron_wake_after_close");
    }
  }

  private void tickAndReschedule() {
    Optional<Instant> next = Optional.empty();
    try {
      next = scheduler.tick();
    } catch (RuntimeException e) {
      LOG.error("event=cron_tick_failed error=\"{}\"", e.toString(), e);
    }
    Duration wait = MAX_WAIT;
    if (next.isPresent()) {
      Duration until = Duration.between(clock.instant(), next.get()).plusMillis(1);
      wait = until.isNegative() ? Duration.ZERO : until.compareTo(MAX_WAIT) < 0 ? until : MAX_WAIT;
    }
    synchronized (this) {
      if (pending != null) {
        pending.cancel(false);
      }
      try {
        pending = ticker.schedule(this::tickAndReschedule, wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        LOG.debug("event=cron_reschedule_after_close");
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    revisions.close();
    ticker.shutdownNow();
    fires.shutdown();
    try {
      if (!ticker.awaitTermination(10, TimeUnit.SECONDS)
          || !fires.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("event=cron_not_stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
