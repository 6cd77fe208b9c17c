package dev.eden.reconciler.cron;

import dev.eden.common.WireText;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CronJob runs that have TaskBooks still to start: a CronJob with {@code taskBooks: [a, b]}
 * dispatches {@code a} when it fires and {@code b} once {@code a}'s dispatch has finished on every
 * node. Held in memory: after a restart the rest of a run is not started (the reconciler says so in
 * its log). Thread-safe.
 */
final class CronChains {

  /**
   * A run waiting for {@code dispatchId} to finish before it starts its next TaskBook.
   *
   * @param index the position in the CronJob's {@code taskBooks} of the TaskBook dispatched
   */
  record Chain(Decision.Fire fire, String dispatchId, int index, String revision) {
    CronJob job() {
      return fire.job();
    }

    /** The TaskBook the awaited dispatch runs ({@code namespace/name}). */
    String running() {
      return job().taskBooks().get(index);
    }

    /** The TaskBook to start next, if any. */
    Optional<String> next() {
      List<String> all = job().taskBooks();
      return index + 1 < all.size() ? Optional.of(all.get(index + 1)) : Optional.empty();
    }
  }

  /** What became of an awaited dispatch that finished. */
  sealed interface Outcome {
    Chain chain();

    /** Every node succeeded: start the next TaskBook. */
    record Proceed(Chain chain) implements Outcome {}

    /** Some nodes did not succeed (or the dispatch is gone): the rest is not started. */
    record Stop(Chain chain, String why) implements Outcome {}
  }

  private final Map<String, Chain> byDispatch = new LinkedHashMap<>();

  /** Waits for {@code dispatchId} when the CronJob has a TaskBook after {@code index}. */
  synchronized void started(Decision.Fire fire, String dispatchId, int index, String revision) {
    Chain chain = new Chain(fire, dispatchId, index, revision);
    if (chain.next().isPresent()) {
      byDispatch.put(dispatchId, chain);
    }
  }

  /** Whether a run of {@code jobId} still has TaskBooks to start. */
  synchronized boolean inProgress(String jobId) {
    return byDispatch.values().stream().anyMatch(c -> c.job().id().equals(jobId));
  }

  /** Forgets the runs of {@code jobId} (concurrencyPolicy Replace). */
  synchronized void drop(String jobId) {
    byDispatch.values().removeIf(c -> c.job().id().equals(jobId));
  }

  synchronized boolean isEmpty() {
    return byDispatch.isEmpty();
  }

  /** The runs whose awaited dispatch has finished, removed from those held. */
  synchronized List<Outcome> finished(
      java.util.function.Function<String, Optional<DispatchStatus>> dispatches) {
    List<Outcome> out = new ArrayList<>();
    for (Chain chain : List.copyOf(byDispatch.values())) {
      Optional<DispatchStatus> status = dispatches.apply(chain.dispatchId());
      if (status.isPresent()
          && status.get().getNodesList().stream().anyMatch(CronChains::pending)) {
        continue;
      }
      byDispatch.remove(chain.dispatchId());
      out.add(outcome(chain, status));
    }
    return out;
  }

  private static Outcome outcome(Chain chain, Optional<DispatchStatus> status) {
    if (status.isEmpty()) {
      return new Outcome.Stop(chain, "dispatch " + chain.dispatchId() + " is gone");
    }
    List<String> failed =
        status.get().getNodesList().stream()
            .filter(n -> n.getState() != DispatchState.DISPATCH_STATE_SUCCEEDED)
            .map(n -> n.getNode() + " " + WireText.of(n.getState()))
            .toList();
    return failed.isEmpty()
        ? new Outcome.Proceed(chain)
        : new Outcome.Stop(
            chain,
            "dispatch "
                + chain.dispatchId()
                + " of "
                + chain.running()
                + " did not succeed on every node ("
                + String.join(", ", failed)
                + ")");
  }

  private static boolean pending(DispatchNode n) {
    return n.getState() == DispatchState.DISPATCH_STATE_PENDING;
  }
}
