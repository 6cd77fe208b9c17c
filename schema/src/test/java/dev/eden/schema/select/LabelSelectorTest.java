package dev.eden.schema.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  @ParameterizedTest(name = "\"{0}\" parses as \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "tier=web | tier=web",
        "tier==web | tier=web",
        "tier!=web | tier!=web",
        "tier in (web,lb) | tier in (lb,web)",
        "tier in ( web , lb ) | tier in (lb,web)",
        "tier notin (db) | tier notin (db)",
        "tier | tier",
        "!tier | !tier",
        "tier=web,env!=dev | tier=web,env!=dev",
        "  tier = web ,  !legacy  | tier=web,!legacy",
        "example.com/role=master | example.com/role=master",
        "role= | role=",
      })
  void parsesValidForms(String text, String canonical) {
    assertThat(LabelSelector.parse(text).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "\"{0}\" fails at {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tier=web, | 9 | expected a label key at the end of the selector",
        ",tier | 0 | expected a label key, found ','",
        "tier~web | 4 | expected one of '=', '!=', 'in', 'notin', ',' after key 'tier', found '~'",
        "tier in web | 8 | expected '(', found 'w'",
        "tier in (web | 12 | expected ')' at the end of the selector",
        "tier in (web;lb) | 12 | expected ',' or ')', found ';'",
        "tier in () | 9 | expected a label value",
        "tier=web env=dev | 9 | expected ',', found 'e'",
        "! | 1 | expected a label key at the end of the selector",
        "tier is web | 5 | expected one of '=', '!=', 'in', 'notin', ',' after key 'tier', found 'is'",
      })
  void rejectsInvalidFormsWithOffset(String text, int offset, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOfSatisfying(
            SelectorSyntaxException.class, e -> assertThat(e.offset()).isEqualTo(offset))
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0} against {1} → {2}")
  @MethodSource("matches")
  void matchesLabels(String selector, Map<String, String> labels, boolean expected) {
    assertThat(LabelSelector.parse(selector).matches(labels)).isEqualTo(expected);
  }

  static Stream<Arguments> matches() {
    Map<String, String> web = Map.of("tier", "web", "env", "prod");
    Map<String, String> lb = Map.of("tier", "lb");
    return Stream.of(
        Arguments.of("tier=web", web, true),
        Arguments.of("tier=web", lb, false),
        Arguments.of("tier!=web", lb, true),
        Arguments.of("env!=dev", lb, true),
        Arguments.of("tier in (web,lb)", lb, true),
        Arguments.of("tier in (db)", web, false),
        Arguments.of("tier notin (db)", web, true),
        Arguments.of("env notin (prod)", web, false),
        Arguments.of("env", web, true),
        Arguments.of("env", lb, false),
        Arguments.of("!env", lb, true),
        Arguments.of("!env", web, false),
        Arguments.of("tier=web,env=prod", web, true),
        Arguments.of("tier=web,env=dev", web, false),
        Arguments.of("", lb, true));
  }
}
