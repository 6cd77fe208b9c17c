package dev.eden.reconciler.cron;

import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The fire times of a cron schedule in a time zone, computed with Quartz's {@link CronExpression}.
 *
 * <p>A schedule names wall-clock times. Quartz matches the fields against local date-times (it runs
 * in UTC here, where no day has a gap or an overlap), and this class turns each local time into an
 * instant of the zone:
 *
 * <ul>
 *   <li>a local time that a spring-forward gap skips fires once, at the end of the gap (02:30 in
 *       Europe/Berlin on the last Sunday of March fires at 03:00 CEST), as Vixie cron does;
 *   <li>a local time that a fall-back overlap repeats fires once, at its first occurrence.
 * </ul>
 *
 * Several local times that land on the same instant fire once. Immutable and thread-safe.
 */
public final class Schedule {

  /** Bound on the local times looked at for one answer (weekday filters, overlaps). */
  private static final int MAX_CANDIDATES = 100_000;

  private record Compiled(CronExpression utc, Set<DayOfWeek> alsoDays) {}

  private final String expression;
  private final ZoneId zone;
  private final List<Compiled> parts;

  private Schedule(String expression, ZoneId zone, List<Compiled> parts) {
    this.expression = expression;
    this.zone = zone;
    this.parts = parts;
  }

  /**
   * Parses a schedule the schema accepted.
   *
   * @throws ScheduleException Quartz cannot evaluate it (the message says why)
   */
  public static Schedule parse(String expression, ZoneId zone) throws ScheduleException {
    List<Compiled> parts = new ArrayList<>();
    for (QuartzSyntax.Part part : QuartzSyntax.parts(expression)) {
      try {
        CronExpression cron = new CronExpression(part.quartz());
        cron.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        parts.add(new Compiled(cron, part.alsoDays()));
      } catch (ParseException e) {
        throw new ScheduleException(
            "\"" + expression + "\" (Quartz \"" + part.quartz() + "\"): " + e.getMessage());
      }
    }
    return new Schedule(expression, zone, List.copyOf(parts));
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first fire time strictly after {@code after}; empty when the schedule has no more. */
  public Optional<Instant> nextAfter(Instant after) {
    Optional<Instant> best = Optional.empty();
    for (Compiled part : parts) {
      Optional<Instant> next = nextAfter(part, after);
      if (next.isPresent() && (best.isEmpty() || next.get().isBefore(best.get()))) {
        best = next;
      }
    }
    return best;
  }

  private Optional<Instant> nextAfter(Compiled part, Instant after) {
    LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
    for (int i = 0; i < MAX_CANDIDATES; i++) {
      Date next = part.utc().getNextValidTimeAfter(Date.from(cursor.toInstant(ZoneOffset.UTC)));
      if (next == null) {
        return Optional.empty();
      }
      cursor = LocalDateTime.ofInstant(next.toInstant(), ZoneOffset.UTC);
      if (!part.alsoDays().isEmpty() && !part.alsoDays().contains(cursor.getDayOfWeek())) {
        continue;
      }
      Instant at = instant(cursor);
      if (at.isAfter(after)) {
        return Optional.of(at);
      }
    }
    return Optional.empty();
  }

  /** The instant a wall-clock time fires at: the end of a gap, the first of an overlap. */
  private Instant instant(LocalDateTime local) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    return offsets.stream().map(local::toInstant).min(Instant::compareTo).orElseThrow();
  }

  @Override
  public String toString() {
    return expression + " (" + zone + ")";
  }
}
