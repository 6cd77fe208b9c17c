package dev.eden.reconciler.react;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.common.time.Durations;
import dev.eden.proto.Event;
import dev.eden.schema.model.Spec;
import dev.eden.schema.select.LabelSelector;
import dev.eden.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The count and time conditions as a table. Each row has a spec, a script on a fake clock and the
 * exact reactions it must give.
 *
 * <p>Script: {@code "10s web-1"} offers an event from web-1 at T0+10s ({@code -} = no node); {@code
 * "tick 12s"} moves the clock and asks for due reactions, as the scheduler would. Reactions: {@code
 * "12s web-1,web-2"} (time, then the node set; {@code -} = none), separated by {@code |}.
 * Decisions: one letter per decision in order, {@code R} react, {@code N} not yet, {@code S}
 * skipped.
 */
class TriggerEngineTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  record Row(
      String name,
      SpecRow spec,
      String lastReaction,
      String script,
      String reactions,
      String decisions) {}

  static Stream<Arguments> rows() {
    return Stream.of(
            new Row("one occurrence reacts at once", spec(1), null, "0s web-1", "0s web-1", "R"),
            new Row(
                "two occurrences without a window count however far apart",
                spec(2),
                null,
                "0s web-1; 10m web-1",
                "10m web-1",
                "NR"),
            new Row(
                "window: the first occurrence falls out, two later ones react",
                spec(2).window("1m"),
                null,
                "0s web-1; 61s web-1; 90s web-2",
                "90s web-1,web-2",
                "NNR"),
            new Row(
                "window: an occurrence exactly window old still counts",
                spec(2).window("1m"),
                null,
                "0s web-1; 60s web-1",
                "60s web-1",
                "NR"),
            new Row(
                "window: one occurrence per window never reacts",
                spec(2).window("1m"),
                null,
                "0s web-1; 2m web-1; 4m web-1; tick 10m",
                "",
                "NNN"),
            new Row(
                "reReactDelay suppresses, then allows at exactly the delay",
                spec(1).delay("30s"),
                null,
                "0s web-1; 10s web-1; 29s web-2; 30s web-2",
                "0s web-1 | 30s web-2",
                "RSSR"),
            new Row(
                "suppressed occurrences do not count toward the next reaction",
                spec(2).delay("30s"),
                null,
                "0s web-1; 1s web-1; 10s web-1; 20s web-1; 31s web-1; 32s web-1",
                "1s web-1 | 32s web-1",
                "NRSSNR"),
            new Row(
                "a remembered last reaction suppresses after a restart",
                spec(1).delay("30s"),
                "-10s",
                "0s web-1; 19s web-1; 20s web-1",
                "20s web-1",
                "SSR"),
            new Row(
                "waitForMore without reset: the first deadline stands",
                spec(1).debounce("2s", false),
                null,
                "0s web-1; 1s web-2; 1900ms web-3; tick 1999ms; tick 2s",
                "2s web-1,web-2,web-3",
                "NNNR"),
            new Row(
                "waitForMore with reset: each occurrence restarts the wait",
                spec(1).debounce("2s", true),
                null,
                "0s web-1; 1s web-2; 2500ms web-3; tick 3s; tick 4499ms; tick 4500ms",
                "4500ms web-1,web-2,web-3",
                "NNNR"),
            new Row(
                "a deadline that passed reacts before the next event is counted",
                spec(1).debounce("2s", false),
                null,
                "0s web-1; 5s web-2; tick 7s",
                "2s web-1 | 7s web-2",
                "NRNR"),
            new Row(
                "waitForMore waits only once the condition holds",
                spec(3).debounce("5s", false),
                null,
                "0s web-1; 10s web-2; tick 30s; 40s web-1; tick 44s; tick 45s",
                "45s web-1,web-2",
                "NNNR"),
            new Row(
                "a committed reaction keeps occurrences that leave the window while it waits",
                spec(2).window("10s").debounce("30s", false),
                null,
                "0s web-1; 5s web-2; tick 35s",
                "35s web-1,web-2",
                "NNR"),
            new Row(
                "the design's example: min 2 in 1m, reReactDelay 30s, waitForMore 2s with reset",
                spec(2).window("1m").delay("30s").debounce("2s", true),
                null,
                "0s web-1; 10s web-2; 11s web-1; tick 13s; 20s web-1; 42s web-3; 43s web-2; "
                    + "44s web-3; tick 45s; tick 46s",
                "13s web-1,web-2 | 46s web-2,web-3",
                "NNNRSSNNR"),
            new Row(
                "several nodes: the reaction runs on every emitter once",
                spec(3),
                null,
                "0s web-1; 1s web-2; 2s web-1",
                "2s web-1,web-2",
                "NNR"),
            new Row("events about no node give no emitters", spec(1), null, "0s -", "0s -", "R"),
            new Row(
                "a Trigger that runs on a selector names no nodes itself",
                spec(2).onSelector("tier=web"),
                null,
                "0s web-1; 1s web-2",
                "1s -",
                "NR"))
        .map(r -> Arguments.of(r.name(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void reactsExactlyWhenTheConditionsSay(String name, Row row) {
    FakeClock clock = new FakeClock(T0);
    TriggerEngine engine =
        new TriggerEngine(
            build(row.spec()), Optional.ofNullable(row.lastReaction()).map(TriggerEngineTest::at));
    List<Decision> decisions = new ArrayList<>();
    for (String step : row.script().split(";")) {
      String[] words = step.trim().split(" ");
      moveTo(clock, at(words[0].equals("tick") ? words[1] : words[0]));
      if (words[0].equals("tick")) {
        engine.due(clock.instant()).ifPresent(decisions::add);
      } else {
        decisions.addAll(engine.offer(event(words[1]), clock.instant()));
      }
    }
    assertThat(reactions(decisions)).as("reactions").isEqualTo(expected(row.reactions()));
    assertThat(letters(decisions)).as("decisions").isEqualTo(row.decisions());
  }

  @Test
  void nextDeadlineIsTheDebounceDeadlineWhileOneIsArmed() {
    TriggerEngine engine = new TriggerEngine(build(spec(1).debounce("2s", true)), Optional.empty());
    assertThat(engine.nextDeadline()).isEmpty();
    engine.offer(event("web-1"), T0);
    assertThat(engine.nextDeadline()).contains(T0.plusSeconds(2));
    engine.offer(event("web-1"), T0.plusSeconds(1));
    assertThat(engine.nextDeadline()).contains(T0.plusSeconds(3));
    assertThat(engine.due(T0.plusSeconds(3))).isPresent();
    assertThat(engine.nextDeadline()).isEmpty();
    assertThat(engine.lastReaction()).contains(T0.plusSeconds(3));
  }

  @Test
  void reasonsSayHowFarTheConditionIs() {
    TriggerEngine counting = new TriggerEngine(build(spec(2).window("1m")), Optional.empty());
    assertThat(counting.offer(event("web-1"), T0))
        .containsExactly(new Decision.NotYet("1 of 2 occurrences within 1m"));
    TriggerEngine many = new TriggerEngine(build(spec(11)), Optional.empty());
    assertThat(many.offer(event("web-1"), T0))
        .containsExactly(new Decision.NotYet("fewer than 11 occurrences since the last reaction"));
    TriggerEngine delayed = new TriggerEngine(build(spec(1).delay("30s")), Optional.of(T0));
    assertThat(delayed.offer(event("web-1"), T0.plusSeconds(5)))
        .containsExactly(
            new Decision.Skipped("reReactDelay 30s: last reaction at 2026-01-01T00:00:00Z"));
    TriggerEngine waiting =
        new TriggerEngine(build(spec(1).debounce("2s", true)), Optional.empty());
    assertThat(waiting.offer(event("web-1"), T0))
        .containsExactly(
            new Decision.NotYet(
                "condition met; waiting 2s for more before reacting (each one restarts the wait)"));
  }

  @Test
  void aReactionCarriesItsOccurrencesOldestFirst() {
    TriggerEngine engine = new TriggerEngine(build(spec(2)), Optional.empty());
    Event first = event("web-2");
    Event second = event("web-1");
    engine.offer(first, T0);
    Decision last = engine.offer(second, T0.plusSeconds(1)).get(0);
    assertThat(((Decision.React) last).occurrences())
        .containsExactly(new Occurrence(first, T0), new Occurrence(second, T0.plusSeconds(1)));
  }

  // ---- the table's language ------------------------------------------------------------------

  private static Instant at(String offset) {
    boolean negative = offset.startsWith("-");
    Duration d = Durations.parse(negative ? offset.substring(1) : offset).orElseThrow();
    return negative ? T0.minus(d) : T0.plus(d);
  }

  private static void moveTo(FakeClock clock, Instant t) {
    assertThat(t).as("script time goes forward").isAfterOrEqualTo(clock.instant());
    clock.advance(Duration.between(clock.instant(), t));
  }

  static Stream<Arguments> waiting() {
    return Stream.of(
        Arguments.of(
            "counting",
            spec(3).window("1m"),
            "0s web-1",
            "20s",
            1,
            "2 more matching events within 1m"),
        Arguments.of(
            "counted one falls out of the window",
            spec(2).window("1m"),
            "0s web-1",
            "61s",
            0,
            "2 more matching events within 1m"),
        Arguments.of(
            "quiet after a reaction",
            spec(1).delay("30s"),
            "0s web-1",
            "10s",
            0,
            "quiet until 2026-01-01T00:00:30Z (reReactDelay)"),
        Arguments.of(
            "quiet time over", spec(1).delay("30s"), "0s web-1", "30s", 0, "1 more matching event"),
        Arguments.of(
            "debouncing",
            spec(1).debounce("5s", false),
            "0s web-1",
            "1s",
            1,
            "more events until 2026-01-01T00:00:05Z (waitForMore)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waiting")
  void saysWhatItWaitsFor(
      String name, SpecRow spec, String at, String now, int counted, String expected) {
    TriggerEngine engine = new TriggerEngine(build(spec), Optional.empty());
    String[] offer = at.split(" ");
    engine.offer(event(offer[1]), T0.plus(Durations.parse(offer[0]).orElseThrow()));
    Instant later = T0.plus(Durations.parse(now).orElseThrow());
    assertThat(engine.counted(later)).isEqualTo(counted);
    assertThat(engine.waitingFor(later)).isEqualTo(expected);
  }

  private static Event event(String node) {
    return Event.newBuilder()
        .setReason("MotdMissing")
        .setNode(node.equals("-") ? "" : node)
        .build();
  }

  private static List<String> reactions(List<Decision> decisions) {
    return decisions.stream()
        .filter(Decision.React.class::isInstance)
        .map(Decision.React.class::cast)
        .map(r -> Duration.between(T0, r.at()).toMillis() + "ms " + nodes(r.nodes()))
        .toList();
  }

  private static List<String> expected(String reactions) {
    if (reactions.isBlank()) {
      return List.of();
    }
    return Arrays.stream(reactions.split("\\|"))
        .map(String::trim)
        .map(
            r -> {
              String[] words = r.split(" ");
              Set<String> nodes = words[1].equals("-") ? Set.of() : Set.of(words[1].split(","));
              return Duration.between(T0, at(words[0])).toMillis() + "ms " + nodes(nodes);
            })
        .toList();
  }

  private static String nodes(Set<String> nodes) {
    return new TreeSet<>(nodes).toString();
  }

  private static String letters(List<Decision> decisions) {
    return decisions.stream()
        .map(d -> d instanceof Decision.React ? "R" : d instanceof Decision.NotYet ? "N" : "S")
        .collect(Collectors.joining());
  }

  // ---- specs ---------------------------------------------------------------------------------

  private static SpecRow spec(int minOccurrences) {
    return new SpecRow(
        minOccurrences, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A Trigger spec built a piece at a time; becomes the real {@link Spec.TriggerSpec}. */
  record SpecRow(
      int min,
      Optional<Duration> window,
      Optional<Duration> delay,
      Optional<Spec.WaitForMore> waitForMore,
      Optional<LabelSelector> selector) {

    SpecRow window(String d) {
      return new SpecRow(min, Durations.parse(d), delay, waitForMore, selector);
    }

    SpecRow delay(String d) {
      return new SpecRow(min, window, Durations.parse(d), waitForMore, selector);
    }

    SpecRow debounce(String timeout, boolean reset) {
      Spec.WaitForMore w = new Spec.WaitForMore(Durations.parse(timeout).orElseThrow(), reset);
      return new SpecRow(min, window, delay, Optional.of(w), selector);
    }

    SpecRow onSelector(String s) {
      return new SpecRow(min, window, delay, waitForMore, Optional.of(LabelSelector.parse(s)));
    }
  }

  private static Spec.TriggerSpec build(SpecRow s) {
    return new Spec.TriggerSpec(
        new Spec.EventMatch(
            Optional.of("MotdMissing"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Map.of()),
        s.min(),
        s.window(),
        s.delay(),
        s.waitForMore(),
        new Spec.TriggerRun("motd", s.selector()));
  }
}
