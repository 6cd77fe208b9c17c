package dev.eden.reconciler.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleTest {

  static Stream<Arguments> schedules() {
    return Stream.of(
        row(
            "5 fields, UTC",
            "0 3 * * *",
            "UTC",
            "2026-11-25T01:00:00Z",
            "2026-11-25T03:00:00Z",
            "2026-11-26T03:00:00Z"),
        row(
            "in Berlin's winter time",
            "0 3 * * *",
            "Europe/Berlin",
            "2026-11-25T00:00:00Z",
            "2026-11-25T02:00:00Z",
            "2026-11-26T02:00:00Z"),
        row(
            "02:30 on the spring-forward day fires at the end of the gap",
            "30 2 * * *",
            "Europe/Berlin",
            "2026-03-28T12:00:00Z",
            "2026-03-29T01:00:00Z",
            "2026-03-30T00:30:00Z"),
        row(
            "02:30 on the fall-back day fires once, at its first occurrence",
            "30 2 * * *",
            "Europe/Berlin",
            "2026-10-24T12:00:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-26T01:30:00Z"),
        row(
            "every 30 minutes through the spring-forward gap",
            "0 0/30 * * * ?",
            "Europe/Berlin",
            "2026-03-29T00:15:00Z",
            "2026-03-29T00:30:00Z",
            "2026-03-29T01:00:00Z",
            "2026-03-29T01:30:00Z"),
        row(
            "every 30 minutes through the fall-back overlap: each wall time once",
            "0 0/30 * * * ?",
            "Europe/Berlin",
            "2026-10-24T23:45:00Z",
            "2026-10-25T00:00:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-25T02:00:00Z"),
        row(
            "weekdays: Saturday goes to Monday",
            "0 0 * * 1-5",
            "UTC",
            "2026-11-28T12:00:00Z",
            "2026-11-30T00:00:00Z",
            "2026-12-01T00:00:00Z"),
        row(
            "0 and 7 are Sunday",
            "0 0 * * 0,7",
            "UTC",
            "2026-11-25T00:00:00Z",
            "2026-11-29T00:00:00Z",
            "2026-12-06T00:00:00Z"),
        row(
            "a range through Sunday",
            "0 0 * * FRI-SUN",
            "UTC",
            "2026-11-25T00:00:00Z",
            "2026-11-27T00:00:00Z",
            "2026-11-28T00:00:00Z",
            "2026-11-29T00:00:00Z",
            "2026-12-04T00:00:00Z"),
        row(
            "day of month or weekday (cron's rule)",
            "0 0 13 * 5",
            "UTC",
            "2026-12-11T12:00:00Z",
            "2026-12-13T00:00:00Z",
            "2026-12-18T00:00:00Z"),
        row(
            "odd days that are Mondays (a '*' field makes it 'and')",
            "0 0 */2 * 1",
            "UTC",
            "2026-11-25T00:00:00Z",
            "2026-12-07T00:00:00Z",
            "2026-12-21T00:00:00Z"),
        row(
            "last Friday of the month",
            "0 0 * * 5L",
            "UTC",
            "2026-11-25T00:00:00Z",
            "2026-11-27T00:00:00Z",
            "2026-12-25T00:00:00Z"),
        row(
            "Quartz's second Monday",
            "0 0 9 ? * MON#2",
            "UTC",
            "2026-11-25T00:00:00Z",
            "2026-12-14T09:00:00Z",
            "2027-01-11T09:00:00Z"),
        row(
            "@daily in Tokyo",
            "@daily",
            "Asia/Tokyo",
            "2026-11-25T00:00:00Z",
            "2026-11-25T15:00:00Z",
            "2026-11-26T15:00:00Z"),
        row(
            "@hourly",
            "@hourly",
            "UTC",
            "2026-11-25T00:00:01Z",
            "2026-11-25T01:00:00Z",
            "2026-11-25T02:00:00Z"),
        row(
            "a year that has passed never fires",
            "0 0 0 1 1 ? 2020",
            "UTC",
            "2026-11-25T00:00:00Z"));
  }

  private static Arguments row(
      String name, String cron, String zone, String after, String... next) {
    return Arguments.of(name, cron, zone, after, List.of(next));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("schedules")
  void nextFireTimes(String name, String cron, String zone, String after, List<String> expected)
      throws ScheduleException {
    Schedule schedule = Schedule.parse(cron, ZoneId.of(zone));
    List<String> got = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < expected.size() + 1; i++) {
      var next = schedule.nextAfter(t);
      if (next.isEmpty() || got.size() == expected.size()) {
        break;
      }
      got.add(next.get().toString());
      t = next.get();
    }
    assertThat(got).as(name).isEqualTo(expected);
  }
}
