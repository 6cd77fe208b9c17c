package dev.eden.reconciler.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The reconciler's own counters; {@code /metrics} renders them in Prometheus text format. */
public final class Metrics {

  /** Upper bounds (seconds) of the compile duration histogram buckets. */
  public static final double[] COMPILE_BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final AtomicLongArray compileBuckets = new AtomicLongArray(COMPILE_BUCKETS.length);
  private final AtomicLong compileCount = new AtomicLong();
  private final AtomicLong compileNanos = new AtomicLong();
  private final AtomicLong fetchFailures = new AtomicLong();
  private final Map<String, AtomicLong> stepResults = new TreeMap<>();

  public void compiled(Duration took) {
    double seconds = took.toNanos() / 1e9;
    for (int i = 0; i < COMPILE_BUCKETS.length; i++) {
      if (seconds <= COMPILE_BUCKETS[i]) {
        compileBuckets.incrementAndGet(i);
      }
    }
    compileCount.incrementAndGet();
    compileNanos.addAndGet(took.toNanos());
  }

  public void fetchFailed() {
    fetchFailures.incrementAndGet();
  }

  /** Counts one step result by its status ("changed", "unchanged", "failed", "skipped"). */
  public void stepResult(String result) {
    synchronized (stepResults) {
      stepResults.computeIfAbsent(result, r -> new AtomicLong()).incrementAndGet();
    }
  }

  /** A consistent copy of every figure. */
  public Snapshot snapshot() {
    long[] buckets = new long[COMPILE_BUCKETS.length];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = compileBuckets.get(i);
    }
    Map<String, Long> steps = new TreeMap<>();
    synchronized (stepResults) {
      stepResults.forEach((k, v) -> steps.put(k, v.get()));
    }
    return new Snapshot(
        buckets, compileCount.get(), compileNanos.get() / 1e9, fetchFailures.get(), steps);
  }

  /** The figures at one moment. */
  public record Snapshot(
      long[] compileBuckets,
      long compileCount,
      double compileSeconds,
      long fetchFailures,
      Map<String, Long> stepResults) {}
}
