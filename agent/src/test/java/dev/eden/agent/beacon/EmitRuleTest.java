package dev.eden.agent.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.common.WireText;
import dev.eden.proto.EmitOn;
import dev.eden.proto.Event;
import dev.eden.proto.PlanBeacon;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each row: a rule, a sequence of results (P = pass, F = fail) from a beacon's first run on, and
 * the events it emits (W = Warning, N = Normal, . = none), one per run.
 */
class EmitRuleTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("failure: every failing run", "failure", "PFFPF", ".WW.W"),
        Arguments.of("failure: passing never emits", "failure", "PPP", "..."),
        Arguments.of("failure: failing from the start", "failure", "FF", "WW"),
        Arguments.of("recovery: pass after fail", "recovery", "PFFPP", "...N."),
        Arguments.of("recovery: a first pass is no recovery", "recovery", "PP", ".."),
        Arguments.of("recovery: flapping", "recovery", "FPFP", ".N.N"),
        Arguments.of("change: both ways", "change", "PFFPPF", ".W.N.W"),
        Arguments.of("change: a first failure is a change", "change", "FFP", "W.N"),
        Arguments.of("always: every run, typed by result", "always", "PFP", "NWN"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void emitsForTheSequence(String row, String on, String results, String expected) {
    EmitRule rule = rule(on);
    boolean before = true;
    List<String> emitted = new ArrayList<>();
    for (char c : results.toCharArray()) {
      boolean now = c == 'P';
      Optional<Event.Type> type = rule.decide(before, now);
      emitted.add(type.map(t -> t == Event.Type.WARNING ? "W" : "N").orElse("."));
      before = now;
    }
    assertThat(String.join("", emitted)).as(row).isEqualTo(expected);
  }

  @Test
  void anEmptyRuleMeansFailureAndAnUnknownOneNamesTheBeacon() {
    assertThat(rule("")).isEqualTo(EmitRule.FAILURE);
    assertThatThrownBy(() -> EmitRule.of(beacon().setEmitOnValue(9).build()))
        .hasMessage("beacon ops/check: emit.on 9 is not one of failure, recovery, change, always");
  }

  /** The rule of a beacon whose plan says {@code emit.on} as the manifest wrote it. */
  private static EmitRule rule(String on) {
    return EmitRule.of(
        beacon()
            .setEmitOn(WireText.parse(EmitOn.class, on).orElse(EmitOn.EMIT_ON_UNSPECIFIED))
            .build());
  }

  private static PlanBeacon.Builder beacon() {
    return PlanBeacon.newBuilder().setName("ops/check");
  }
}
