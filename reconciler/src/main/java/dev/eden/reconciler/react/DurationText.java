package dev.eden.reconciler.react;

import java.time.Duration;

/** Durations as the manifests write them: {@code 1m30s}, {@code 2s}, {@code 500ms}. */
final class DurationText {

  private DurationText() {}

  static String of(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, d.toDaysPart(), "d");
    append(text, d.toHoursPart(), "h");
    append(text, d.toMinutesPart(), "m");
    append(text, d.toSecondsPart(), "s");
    append(text, d.toMillisPart(), "ms");
    return text.toString();
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }
}
