package dev.eden.reconciler.events;

import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.Store;
import dev.eden.reconciler.store.StoredNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * {@code NodeLost} (Warning) once when a registered node has not called for {@code lostAfter}, and
 * {@code NodeRecovered} when it calls again. The lost mark lives in the store, so a restart neither
 * repeats nor forgets a loss; for {@code lostAfter} after a start nothing is declared lost, since
 * agents could not call a reconciler that was down.
 */
public final class NodePresence {

  private final Store store;
  private final EventLog events;
  private final Clock clock;
  private final Duration lostAfter;
  private final Instant started;

  public NodePresence(Store store, EventLog events, Clock clock, Duration lostAfter) {
    this.store = store;
    this.events = events;
    this.clock = clock;
    this.lostAfter = lostAfter;
    this.started = clock.instant();
  }

  /** How long a node may stay silent before it is lost (3 heartbeats). */
  public Duration lostAfter() {
    return lostAfter;
  }

  /** {@code node} called just now (and its last-seen time was stored): back if it was lost. */
  public void seen(String node) {
    store
        .clearLost(node)
        .ifPresent(
            since ->
                events.emit(
                    Event.Type.NORMAL,
                    Reason.NODE_RECOVERED,
                    EventLog.object(EventKinds.NODE, node),
                    node,
                    "",
                    "node "
                        + node
                        + " is back after "
                        + human(Duration.between(since, clock.instant()))
                        + " lost"));
  }

  /**
   * Marks and reports every node silent for longer than {@link #lostAfter()}.
   *
   * @return the names of the nodes lost by this check
   */
  public List<String> check() {
    Instant now = clock.instant();
    Instant cutoff = now.minus(lostAfter);
    if (!started.isBefore(cutoff)) {
      return List.of();
    }
    List<StoredNode> lost = store.markLost(cutoff, now);
    for (StoredNode n : lost) {
      events.emit(
          Event.Type.WARNING,
          Reason.NODE_LOST,
          EventLog.object(EventKinds.NODE, n.name()),
          n.name(),
          "",
          "node "
              + n.name()
              + " not seen for "
              + human(Duration.between(n.lastSeen(), now))
              + " (lost after "
              + human(lostAfter)
              + ")");
    }
    return lost.stream().map(StoredNode::name).toList();
  }

  /** {@code 1m30s}, {@code 2h}, {@code 45s}. */
  static String human(Duration d) {
    Duration s = d.isNegative() ? Duration.ZERO : d.truncatedTo(ChronoUnit.SECONDS);
    return s.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
