package dev.eden.common.time;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of eden, for manifests, command-line flags, the reconciler and the agent:
 * one or more number-unit pairs, {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, {@code
 * 7d}.
 */
public final class Durations {

  /** The whole syntax: one or more number-unit pairs. Also used by the JSON Schema. */
  public static final String PATTERN = "^([0-9]+(ms|s|m|h|d))+$";

  /** Examples for error messages. */
  public static final String EXAMPLES = "500ms, 30s, 2m, 1h30m or 7d";

  private static final Pattern WHOLE = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private Durations() {}

  /** The duration {@code text} denotes, or empty when it does not parse (or overflows). */
  public static Optional<Duration> parse(String text) {
    if (!WHOLE.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    try {
      while (m.find()) {
        total = total.plus(part(Long.parseLong(m.group(1)), m.group(2)));
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(total);
  }

  /**
   * The duration {@code text} denotes.
   *
   * @param what what is being read, for the message (e.g. {@code "--interval"})
   * @throws IllegalArgumentException naming {@code what} when {@code text} is not a duration
   */
  public static Duration require(String text, String what) {
    return parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    what + " must be a duration such as " + EXAMPLES + ", not '" + text + "'"));
  }

  /** {@code d} written in this syntax, largest unit first: {@code 1m30s}; zero is {@code 0s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    append(text, d.toDays(), "d");
    append(text, d.toHoursPart(), "h");
    append(text, d.toMinutesPart(), "m");
    append(text, d.toSecondsPart(), "s");
    append(text, d.toMillisPart(), "ms");
    return text.toString();
  }

  private static Duration part(long n, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static void append(StringBuilder text, long amount, String unit) {
    if (amount > 0) {
      text.append(amount).append(unit);
    }
  }
}
