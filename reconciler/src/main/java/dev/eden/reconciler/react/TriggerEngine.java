package dev.eden.reconciler.react;

import dev.eden.common.time.Durations;
import dev.eden.proto.Event;
import dev.eden.schema.model.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The count and time conditions of one Trigger, driven by explicit time: no threads, no clock. The
 * caller offers each matching event with the time it arrived and asks {@link #due} when {@link
 * #nextDeadline} has passed.
 *
 * <ul>
 *   <li>An occurrence counts while it is at most {@code window} old (sliding); without a window,
 *       every occurrence since the last reaction counts.
 *   <li>{@code minOccurrences} counted occurrences make the condition hold.
 *   <li>{@code reReactDelay}: a match sooner than that after the last reaction is {@link
 *       Decision.Skipped} and dropped: it does not count toward the next reaction either, so the
 *       next reaction needs {@code minOccurrences} fresh occurrences after the delay.
 *   <li>{@code waitForMore}: once the condition holds, the reaction is committed and waits {@code
 *       timeout} for more occurrences, which join it (and no longer fall out of the window). With
 *       {@code resetTimeoutOnMore} each one restarts the wait; without it the first deadline
 *       stands.
 * </ul>
 *
 * A reaction carries every occurrence that counted toward it, oldest first, and starts a new count.
 * Not thread-safe: one engine belongs to one thread.
 */
public final class TriggerEngine {

  /** Up to this {@code minOccurrences}, a waiting message says how many occurrences counted. */
  static final int COUNTED_IN_MESSAGES = 10;

  private final int minOccurrences;
  private final Optional<Duration> window;
  private final Optional<Duration> reReactDelay;
  private final Optional<Spec.WaitForMore> waitForMore;
  private final boolean onEmitters;
  private final Deque<Occurrence> counted = new ArrayDeque<>();
  private Optional<Instant> lastReaction;
  private Optional<Instant> deadline = Optional.empty();

  /**
   * @param lastReaction when this Trigger (with this spec) last reacted, remembered across restarts
   */
  public TriggerEngine(Spec.TriggerSpec spec, Optional<Instant> lastReaction) {
    this.minOccurrences = Math.max(1, spec.minOccurrences());
    this.window = spec.window();
    this.reReactDelay = spec.reReactDelay();
    this.waitForMore = spec.waitForMore().filter(w -> w.timeout().compareTo(Duration.ZERO) > 0);
    this.onEmitters = spec.run().onEmitters();
    this.lastReaction = lastReaction;
  }

  /**
   * A matching event arrived at {@code now}. A debounce deadline that passed before {@code now}
   * reacts first, so the result may hold that reaction and then the decision about this event.
   */
  public List<Decision> offer(Event event, Instant now) {
    List<Decision> decisions = new ArrayList<>(2);
    due(now).ifPresent(decisions::add);
    decisions.add(decide(new Occurrence(event, now)));
    return decisions;
  }

  /** The reaction whose debounce deadline is at or before {@code now}, if any. */
  public Optional<Decision.React> due(Instant now) {
    if (deadline.isPresent() && !now.isBefore(deadline.get())) {
      return Optional.of(react(deadline.get()));
    }
    return Optional.empty();
  }

  /** When {@link #due} has a reaction to give: the debounce deadline, while one is armed. */
  public Optional<Instant> nextDeadline() {
    return deadline;
  }

  /** When this engine last reacted (or the remembered time it started with). */
  public Optional<Instant> lastReaction() {
    return lastReaction;
  }

  /** The occurrences that count toward {@code minOccurrences} at {@code now}. */
  public int counted(Instant now) {
    Optional<Instant> oldest = window.map(now::minus);
    return (int)
        counted.stream().filter(o -> oldest.map(t -> !o.at().isBefore(t)).orElse(true)).count();
  }

  /** What must happen before it reacts next, for {@code eden get triggers}. */
  public String waitingFor(Instant now) {
    if (deadline.isPresent()) {
      return "more events until " + deadline.get() + " (waitForMore)";
    }
    Optional<Instant> quietUntil = reReactDelay.flatMap(d -> lastReaction.map(t -> t.plus(d)));
    if (quietUntil.isPresent() && now.isBefore(quietUntil.get())) {
      return "quiet until " + quietUntil.get() + " (reReactDelay)";
    }
    String within = window.map(w -> " within " + Durations.format(w)).orElse("");
    int missing = minOccurrences - counted(now);
    return missing == 1
        ? "1 more matching event" + within
        : missing + " more matching events" + within;
  }

  private Decision decide(Occurrence occurrence) {
    Instant now = occurrence.at();
    Optional<Instant> quietUntil = reReactDelay.flatMap(d -> lastReaction.map(t -> t.plus(d)));
    if (quietUntil.isPresent() && now.isBefore(quietUntil.get())) {
      return new Decision.Skipped(
          "reReactDelay "
              + Durations.format(reReactDelay.orElseThrow())
              + ": last reaction at "
              + lastReaction.orElseThrow());
    }
    counted.addLast(occurrence);
    if (deadline.isPresent()) {
      if (waitForMore.orElseThrow().resetTimeoutOnMore()) {
        deadline = Optional.of(now.plus(waitForMore.orElseThrow().timeout()));
      }
      return new Decision.NotYet(debouncing());
    }
    window.ifPresent(w -> dropOlderThan(now.minus(w)));
    if (counted.size() < minOccurrences) {
      return new Decision.NotYet(counting());
    }
    if (waitForMore.isPresent()) {
      deadline = Optional.of(now.plus(waitForMore.get().timeout()));
      return new Decision.NotYet(debouncing());
    }
    return react(now);
  }

  private void dropOlderThan(Instant oldest) {
    while (!counted.isEmpty() && counted.peekFirst().at().isBefore(oldest)) {
      counted.removeFirst();
    }
  }

  /**
   * "2 of 3 occurrences within 1m". The events that say it fold only when the text repeats, so a
   * large {@code minOccurrences} gets one text rather than one event per count.
   */
  private String counting() {
    String within =
        window.map(w -> "within " + Durations.format(w)).orElse("since the last reaction");
    if (minOccurrences > COUNTED_IN_MESSAGES) {
      return "fewer than " + minOccurrences + " occurrences " + within;
    }
    return counted.size() + " of " + minOccurrences + " occurrences " + within;
  }

  /** Constant per spec, so the events that say it fold into one. */
  private String debouncing() {
    Spec.WaitForMore w = waitForMore.orElseThrow();
    return "condition met; waiting "
        + Durations.format(w.timeout())
        + " for more before reacting"
        + (w.resetTimeoutOnMore() ? " (each one restarts the wait)" : "");
  }

  private Decision.React react(Instant at) {
    Set<String> nodes = new TreeSet<>();
    if (onEmitters) {
      counted.stream().map(Occurrence::node).filter(n -> !n.isEmpty()).forEach(nodes::add);
    }
    Decision.React reaction = new Decision.React(at, List.copyOf(counted), nodes);
    counted.clear();
    deadline = Optional.empty();
    lastReaction = Optional.of(at);
    return reaction;
  }
}
