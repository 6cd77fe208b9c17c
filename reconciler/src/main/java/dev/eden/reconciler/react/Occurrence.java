package dev.eden.reconciler.react;

import dev.eden.proto.Event;
import java.time.Instant;

/**
 * One delivery of a matching event, at the reconciler's time. The store folds repeats, so the same
 * event delivered again (its count one higher) is one more occurrence.
 */
public record Occurrence(Event event, Instant at) {

  /** The node that emitted it; "" for events about no node. */
  public String node() {
    return event.getNode();
  }
}
