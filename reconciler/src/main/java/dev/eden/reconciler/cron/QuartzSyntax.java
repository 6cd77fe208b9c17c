package dev.eden.reconciler.cron;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites every schedule the schema accepts ({@code dev.eden.schema.lang.CronSchedule}) into
 * Quartz's syntax: Quartz 6-7 field expressions pass through; the {@code @daily}-style macros map
 * to their Quartz form; a standard 5-field expression gets a seconds field, '?' in the day field it
 * leaves open, and Quartz's day numbers (1 = Sunday, where cron has 0 or 7).
 *
 * <p>When a 5-field expression restricts both day-of-month and day-of-week, cron fires on either
 * (Vixie cron's rule): that becomes two Quartz expressions whose fire times are merged. When one of
 * them starts with '*' (as in {@code *}{@code /2}), cron wants both: the day-of-month expression is
 * kept and the weekdays become a filter.
 */
final class QuartzSyntax {

  /**
   * One Quartz expression; {@code alsoDays}, when not empty, are the only weekdays it may fire on.
   */
  record Part(String quartz, Set<DayOfWeek> alsoDays) {
    Part {
      alsoDays = alsoDays.isEmpty() ? Set.of() : EnumSet.copyOf(alsoDays);
    }
  }

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 0 1 1 ?",
          "@annually", "0 0 0 1 1 ?",
          "@monthly", "0 0 0 1 * ?",
          "@weekly", "0 0 0 ? * SUN",
          "@daily", "0 0 0 * * ?",
          "@midnight", "0 0 0 * * ?",
          "@hourly", "0 0 * * * ?");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
  private static final Pattern ITEM =
      Pattern.compile("^(\\*|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:/([0-9]+))?$");
  private static final Pattern SPECIAL = Pattern.compile("^([0-9A-Za-z]+)(L|#[1-5])$");

  private QuartzSyntax() {}

  static List<Part> parts(String expression) throws ScheduleException {
    String text = expression.trim();
    if (text.startsWith("@")) {
      String quartz = MACROS.get(text.toLowerCase(Locale.ROOT));
      if (quartz == null) {
        throw new ScheduleException("unknown macro '" + text + "'");
      }
      return List.of(new Part(quartz, Set.of()));
    }
    String[] f = text.split("\\s+");
    if (f.length == 6 || f.length == 7) {
      return List.of(new Part(text, Set.of()));
    }
    if (f.length != 5) {
      throw new ScheduleException("has " + f.length + " fields; expected 5, 6 or 7");
    }
    String head = "0 " + f[0] + " " + f[1] + " ";
    String dom = f[2];
    String month = f[3];
    String dow = f[4];
    if (isAny(dow)) {
      return List.of(new Part(head + (isAny(dom) ? "*" : dom) + " " + month + " ?", Set.of()));
    }
    if (isAny(dom)) {
      return List.of(new Part(head + "? " + month + " " + quartzDays(dow), Set.of()));
    }
    if (dom.startsWith("*") || dow.startsWith("*")) {
      return List.of(new Part(head + dom + " " + month + " ?", days(dow)));
    }
    return List.of(
        new Part(head + dom + " " + month + " ?", Set.of()),
        new Part(head + "? " + month + " " + quartzDays(dow), Set.of()));
  }

  private static boolean isAny(String field) {
    return field.equals("*") || field.equals("?");
  }

  /** A cron day-of-week field in Quartz's numbering. */
  private static String quartzDays(String field) throws ScheduleException {
    List<String> out = new ArrayList<>();
    Set<DayOfWeek> plain = EnumSet.noneOf(DayOfWeek.class);
    for (String item : field.split(",", -1)) {
      Matcher special = SPECIAL.matcher(item);
      if (item.equalsIgnoreCase("L")) {
        out.add("L");
      } else if (special.matches()) {
        String day = special.group(1);
        boolean number = day.chars().allMatch(Character::isDigit);
        out.add(
            (number ? String.valueOf(Integer.parseInt(day) % 7 + 1) : day.toUpperCase(Locale.ROOT))
                + special.group(2));
      } else {
        plain.addAll(itemDays(item));
      }
    }
    plain.stream().map(QuartzSyntax::quartzName).forEach(out::add);
    return String.join(",", out);
  }

  /** The weekdays a plain cron day-of-week field names (no 'L' or '#'). */
  private static Set<DayOfWeek> days(String field) throws ScheduleException {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String item : field.split(",", -1)) {
      days.addAll(itemDays(item));
    }
    return days;
  }

  private static Set<DayOfWeek> itemDays(String item) throws ScheduleException {
    Matcher m = ITEM.matcher(item);
    if (!m.matches() || SPECIAL.matcher(item).matches() || item.equalsIgnoreCase("L")) {
      throw new ScheduleException(
          "day-of-week '" + item + "' cannot be combined with a day-of-month starting with '*'");
    }
    boolean star = m.group(1).equals("*");
    int start = star ? 0 : cronDay(m.group(1));
    int end = m.group(2) != null ? cronDay(m.group(2)) : (star || m.group(3) != null ? 6 : start);
    if (end < start) {
      end += 7;
    }
    int step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (int n = start; n <= end; n += step) {
      days.add(dayOfWeek(n % 7));
    }
    return days;
  }

  /** Cron's number of a day (0 or 7 = Sunday, names 0-6) from a number or a name. */
  private static int cronDay(String token) throws ScheduleException {
    int named = DAYS.indexOf(token.toUpperCase(Locale.ROOT));
    if (named >= 0) {
      return named;
    }
    if (!token.chars().allMatch(Character::isDigit) || token.length() > 2) {
      throw new ScheduleException("'" + token + "' is not a day of the week");
    }
    int n = Integer.parseInt(token);
    if (n > 7) {
      throw new ScheduleException(n + " is out of range 0-7 for day-of-week");
    }
    return n;
  }

  private static DayOfWeek dayOfWeek(int cronDay) {
    return cronDay == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(cronDay);
  }

  private static String quartzName(DayOfWeek day) {
    return DAYS.get(day.getValue() % 7);
  }
}
