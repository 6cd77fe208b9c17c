package dev.eden.reconciler.react;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What a {@link TriggerEngine} decided about a matching event or a deadline. */
public sealed interface Decision {

  /**
   * Run the TaskBook now.
   *
   * @param at the reaction's time: the event's, or the debounce deadline's
   * @param occurrences every occurrence that counted toward this reaction, oldest first
   * @param nodes the emitters when the Trigger runs {@code on: emitters}; empty when it runs on a
   *     selector (the Dispatcher narrows the TaskBook's targets by it)
   */
  record React(Instant at, List<Occurrence> occurrences, Set<String> nodes) implements Decision {
    public React {
      occurrences = List.copyOf(occurrences);
      nodes = Set.copyOf(nodes);
    }
  }

  /** The event counted, but the conditions do not hold yet (too few, or waiting for more). */
  record NotYet(String why) implements Decision {}

  /** The event was dropped: it came within {@code reReactDelay} of the last reaction. */
  record Skipped(String why) implements Decision {}
}
