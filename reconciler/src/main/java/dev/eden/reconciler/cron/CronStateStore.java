package dev.eden.reconciler.cron;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Where the scheduler keeps {@link CronState} across restarts. Thread-safe; every call is one
 * transaction; failures are {@link dev.eden.reconciler.store.StoreException}.
 */
public interface CronStateStore extends AutoCloseable {

  /** Every stored state, by job ({@code namespace/name}). */
  Map<String, CronState> load();

  /** Inserts or replaces these states and forgets the jobs named in {@code removed}. */
  void save(Collection<CronState> states, Collection<String> removed);

  /** Records a dispatch of {@code job} (when and its id); an unknown job is ignored. */
  void recordFire(String job, Instant at, String dispatchId);

  @Override
  void close();
}
