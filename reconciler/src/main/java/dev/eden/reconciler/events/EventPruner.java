package dev.eden.reconciler.events;

import dev.eden.reconciler.store.PrunedEvents;
import dev.eden.reconciler.store.Store;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies an {@link EventRetention} to the store, at the clock's time. */
public final class EventPruner {

  private static final Logger LOG = LoggerFactory.getLogger(EventPruner.class);

  private final Store store;
  private final Clock clock;
  private final EventRetention retention;

  public EventPruner(Store store, Clock clock, EventRetention retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  public PrunedEvents prune() {
    PrunedEvents pruned =
        store.pruneEvents(clock.instant().minus(retention.maxAge()), retention.maxCount());
    if (pruned.total() > 0) {
      LOG.info(
          "event=events_pruned by_age={} by_count={} max_age={} max_count={}",
          pruned.byAge(),
          pruned.byCount(),
          retention.maxAge(),
          retention.maxCount());
    }
    return pruned;
  }
}
