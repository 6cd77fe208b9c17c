package dev.eden.cli;

import dev.eden.common.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads a positive duration flag in eden's one syntax ({@link Durations}): {@code 15s}, {@code
 * 1h30m}.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    Duration d =
        Durations.parse(value.trim())
            .orElseThrow(
                () ->
                    new CommandLine.TypeConversionException(
                        "expected a duration such as "
                            + Durations.EXAMPLES
                            + ", got '"
                            + value
                            + "'"));
    if (d.isZero()) {
      throw new CommandLine.TypeConversionException("duration must be positive: '" + value + "'");
    }
    return d;
  }
}
