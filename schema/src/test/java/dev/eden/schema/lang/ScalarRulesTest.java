package dev.eden.schema.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.common.time.Durations;
import dev.eden.schema.load.TemplatePaths;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations, cron expressions, names, near names and template paths. */
class ScalarRulesTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"30s, 30000", "10m, 600000", "1h30m, 5400000", "500ms, 500", "2d, 172800000"})
  void parsesDurations(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "\"{0}\" is not a duration")
  @ValueSource(strings = {"soon", "30", "", "1.5h", "-5s", "5 s", "s", "1h 30m", "PT5S"})
  void rejectsDurations(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" is a valid schedule")
  @ValueSource(
      strings = {
        "0 3 * * *",
        "*/15 * * * *",
        "0 9-17 * * MON-FRI",
        "0 0 1,15 * *",
        "30 2 * JAN,JUL 0",
        "0 0 3 * * ?",
        "0 0 3 ? * MON-FRI",
        "0 0 3 L * ? 2030",
        "0 0 12 ? * 6#3",
        "@daily",
        "@hourly"
      })
  void acceptsCron(String expression) {
    assertThat(CronSchedule.problem(expression)).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\": {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "60 * * * * | field 1 (minute): 60 is out of range 0-59",
        "* * 0 * * | field 3 (day-of-month): 0 is out of range 1-31",
        "* * * 13 * | field 4 (month): 13 is out of range 1-12",
        "* * * * 8 | field 5 (day-of-week): 8 is out of range 0-7",
        "5-x * * * * | field 1 (minute): 'x' is not a number",
        "* * * * MON-FUN | field 5 (day-of-week): 'FUN' is not a number or one of SUN, MON, TUE,"
            + " WED, THU, FRI, SAT",
        "@sometimes | unknown macro '@sometimes'; expected one of @annually, @daily, @hourly,"
            + " @midnight, @monthly, @weekly, @yearly",
        "0 0 3 ? * ? | a Quartz schedule needs '?' in exactly one of day-of-month and"
            + " day-of-week",
        "* * * * * * * * | has 8 fields; expected 5 (min hour day month weekday) or 6-7 (Quartz,"
            + " with seconds)",
      })
  void rejectsCron(String expression, String problem) {
    assertThat(CronSchedule.problem(expression)).contains(problem);
  }

  @ParameterizedTest(name = "name \"{0}\"")
  @ValueSource(strings = {"web", "web-1", "a.b.c", "0", "a-very-long-but-valid.name-0123456789"})
  void acceptsNames(String name) {
    assertThat(ObjectNames.nameProblem(name)).isEmpty();
  }

  @ParameterizedTest(name = "bad name \"{0}\"")
  @ValueSource(strings = {"Web", "web_1", "-web", "web-", "", "a b", "é"})
  void rejectsNames(String name) {
    assertThat(ObjectNames.nameProblem(name)).isPresent();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"stpes, steps", "taskbook, TaskBook", "cmd.runn, cmd.run", "selectr, selector"})
  void suggestsNearNames(String typed, String expected) {
    assertThat(
            NearNames.nearest(
                typed, java.util.List.of("steps", "TaskBook", "cmd.run", "selector", "mode")))
        .contains(expected);
  }

  @ParameterizedTest(name = "{0} + {1} → {2}")
  @CsvSource({
    "web/web.yaml, ../templates/a.hbs, templates/a.hbs",
    "web/web.yaml, a.hbs, web/a.hbs",
    "web/web.yaml, ./t/../a.hbs, web/a.hbs",
    "top.yaml, t/a.hbs, t/a.hbs",
    "a/b/c.yaml, /templates/x.hbs, templates/x.hbs"
  })
  void resolvesTemplatePaths(String manifest, String param, String expected) {
    assertThat(TemplatePaths.resolve(manifest, param)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} escapes")
  @ValueSource(strings = {"../a.hbs", "../../x", "a/../../b"})
  void rejectsTemplatePathsThatEscape(String param) {
    Assertions.assertThatThrownBy(() -> TemplatePaths.resolve("top.yaml", param))
        .isInstanceOf(TemplatePaths.TemplatePathException.class)
        .hasMessageContaining("escapes the repository");
  }
}
