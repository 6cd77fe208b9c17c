package dev.eden.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({"500ms,500", "30s,30000", "10m,600000", "1h30m,5400000", "7d,604800000", "0s,0"})
  void parsesTheOneSyntax(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "30", "1.5s", "s", "10 m", " 30s", "PT30S", "-5s", "1w"})
  void refusesWhatIsNotThatSyntax(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @Test
  void requireNamesWhatWasReadAndShowsExamples() {
    assertThatThrownBy(() -> Durations.require("soon", "--interval"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--interval must be a duration such as 500ms, 30s, 2m, 1h30m or 7d, not 'soon'");
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource({"0,0s", "500,500ms", "90000,1m30s", "93784005,1d2h3m4s5ms"})
  void formatsLargestUnitFirstAndParsesBack(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }
}
