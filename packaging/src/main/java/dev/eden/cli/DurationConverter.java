package dev.eden.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations written as users write them: {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h},
 * {@code 7d}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    Matcher m = SIMPLE.matcher(value.trim());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "expected a duration such as 500ms, 15s, 2m, 1h or 7d, got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    if (d.isZero()) {
      throw new CommandLine.TypeConversionException("duration must be positive: '" + value + "'");
    }
    return d;
  }
}
