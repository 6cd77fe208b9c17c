package dev.eden.schema.lang;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks cron expressions: standard 5 fields ({@code min hour dom month dow}), Quartz 6 or 7 fields
 * ({@code sec min hour dom month dow [year]}) and the {@code @daily}-style macros. It checks syntax
 * and ranges only; the reconciler's scheduler computes fire times.
 */
public final class CronSchedule {

  private record FieldRange(String name, int min, int max, List<String> names) {}

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final FieldRange SECOND = new FieldRange("second", 0, 59, List.of());
  private static final FieldRange MINUTE = new FieldRange("minute", 0, 59, List.of());
  private static final FieldRange HOUR = new FieldRange("hour", 0, 23, List.of());
  private static final FieldRange DOM = new FieldRange("day-of-month", 1, 31, List.of());
  private static final FieldRange MONTH = new FieldRange("month", 1, 12, MONTHS);
  private static final FieldRange DOW_STD = new FieldRange("day-of-week", 0, 7, DAYS);
  private static final FieldRange DOW_QUARTZ = new FieldRange("day-of-week", 1, 7, DAYS);
  private static final FieldRange YEAR = new FieldRange("year", 1970, 2199, List.of());
  private static final Set<String> MACROS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern ITEM =
      Pattern.compile("^(\\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:/([0-9]+))?$");
  private static final Pattern SPECIAL_DOM = Pattern.compile("^(L(-[0-9]+)?|LW|[0-9]+W)$");
  private static final Pattern SPECIAL_DOW =
      Pattern.compile("^([0-9A-Za-z]+L|[0-9A-Za-z]+#[1-5]|L)$");

  private CronSchedule() {}

  /** Why {@code expression} is not a valid schedule, or empty when it is. */
  public static Optional<String> problem(String expression) {
    String text = expression.trim();
    if (text.startsWith("@")) {
      return MACROS.contains(text)
          ? Optional.empty()
          : Optional.of("unknown macro '" + text + "'; expected one of " + sortedMacros());
    }
    String[] fields = text.split("\\s+");
    List<FieldRange> ranges =
        switch (fields.length) {
          case 5 -> List.of(MINUTE, HOUR, DOM, MONTH, DOW_STD);
          case 6 -> List.of(SECOND, MINUTE, HOUR, DOM, MONTH, DOW_QUARTZ);
          case 7 -> List.of(SECOND, MINUTE, HOUR, DOM, MONTH, DOW_QUARTZ, YEAR);
          default -> List.of();
        };
    if (ranges.isEmpty()) {
      return Optional.of(
          "has "
              + fields.length
              + " fields; expected 5 (min hour day month weekday) or 6-7 (Quartz, with seconds)");
    }
    for (int i = 0; i < fields.length; i++) {
      Optional<String> p = fieldProblem(fields[i], ranges.get(i));
      if (p.isPresent()) {
        return Optional.of("field " + (i + 1) + " (" + ranges.get(i).name() + "): " + p.get());
      }
    }
    if (fields.length > 5 && fields[3].equals("?") == fields[5].equals("?")) {
      return Optional.of(
          "a Quartz schedule needs '?' in exactly one of day-of-month and day-of-week");
    }
    return Optional.empty();
  }

  private static Optional<String> fieldProblem(String field, FieldRange range) {
    for (String item : field.split(",", -1)) {
      Optional<String> p = itemProblem(item, range);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> itemProblem(String item, FieldRange range) {
    boolean dom = range == DOM;
    boolean dow = range == DOW_STD || range == DOW_QUARTZ;
    if (item.equals("?") && (dom || dow)) {
      return Optional.empty();
    }
    if ((dom && SPECIAL_DOM.matcher(item).matches())
        || (dow && SPECIAL_DOW.matcher(item).matches())) {
      return Optional.empty();
    }
    Matcher m = ITEM.matcher(item);
    if (!m.matches()) {
      return Optional.of("'" + item + "' is not a value, range, list or step");
    }
    if (m.group(1).equals("*")) {
      return m.group(2) == null
          ? stepProblem(m.group(3))
          : Optional.of("'" + item + "' is not a value, range, list or step");
    }
    Optional<String> p = valueProblem(m.group(1), range);
    if (p.isEmpty() && m.group(2) != null) {
      p = valueProblem(m.group(2), range);
    }
    return p.isPresent() ? p : stepProblem(m.group(3));
  }

  private static Optional<String> stepProblem(String step) {
    if (step == null) {
      return Optional.empty();
    }
    return step.length() < 6 && Integer.parseInt(step) > 0
        ? Optional.empty()
        : Optional.of("step '" + step + "' must be a positive number");
  }

  private static Optional<String> valueProblem(String value, FieldRange range) {
    String upper = value.toUpperCase(Locale.ROOT);
    if (range.names().contains(upper)) {
      return Optional.empty();
    }
    if (!value.chars().allMatch(Character::isDigit) || value.length() > 6) {
      return Optional.of("'" + value + "' is not a number" + namesHint(range));
    }
    int n = Integer.parseInt(value);
    return n >= range.min() && n <= range.max()
        ? Optional.empty()
        : Optional.of(n + " is out of range " + range.min() + "-" + range.max());
  }

  private static String namesHint(FieldRange range) {
    return range.names().isEmpty() ? "" : " or one of " + String.join(", ", range.names());
  }

  private static String sortedMacros() {
    return String.join(", ", MACROS.stream().sorted().toList());
  }
}
