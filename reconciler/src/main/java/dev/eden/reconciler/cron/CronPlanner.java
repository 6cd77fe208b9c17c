package dev.eden.reconciler.cron;

import dev.eden.schema.model.Spec.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pure part of the scheduler: given the CronJobs, their stored states and the time, decides
 * what fires and what each state becomes. It never reads a clock, a store or a dispatcher.
 *
 * <p>A scheduled time is due once it is at or before {@code now} and after the state's {@code
 * lastScheduled}. The newest due time fires when it is at most {@link #MISFIRE_THRESHOLD} old;
 * older due times passed while the scheduler was away and follow the misfire policy: {@code
 * RUN_ONCE} folds them all into one run, {@code SKIP} drops them (a {@link Decision.Missed}). A
 * suspended CronJob decides nothing and keeps its state, so unsuspending it applies the misfire
 * policy to what it missed, never more. A new CronJob, or one whose schedule or zone changed,
 * counts from {@code now}.
 */
final class CronPlanner {

  /** How late a scheduled time may be handled and still count as on time (as Quartz's default). */
  static final Duration MISFIRE_THRESHOLD = Duration.ofMinutes(1);

  /** Bound on the due times counted for one CronJob in one tick. */
  static final int MAX_DUE = 10_000;

  /**
   * What one tick decided.
   *
   * @param changed states to store before any decision is carried out
   * @param removed jobs no longer in the revision, whose states are forgotten
   * @param nextDue the earliest scheduled time after {@code now} of any CronJob not suspended
   */
  record Plan(
      List<Decision> decisions,
      List<CronState> changed,
      Set<String> removed,
      Optional<Instant> nextDue) {}

  private record Parsed(Optional<Schedule> schedule, String problem) {}

  private final Map<String, Parsed> schedules = new HashMap<>();

  Plan plan(List<CronJob> jobs, Map<String, CronState> states, Instant now) {
    List<Decision> decisions = new ArrayList<>();
    List<CronState> changed = new ArrayList<>();
    Set<String> removed = new HashSet<>(states.keySet());
    Optional<Instant> nextDue = Optional.empty();
    for (CronJob job : jobs) {
      removed.remove(job.id());
      Optional<Schedule> schedule = schedule(job, decisions);
      CronState state = states.get(job.id());
      if (state == null || !state.fingerprint().equals(job.fingerprint())) {
        state =
            state == null
                ? CronState.seen(job, now)
                : new CronState(
                    job.id(), job.fingerprint(), now, state.lastFired(), state.lastDispatch());
        changed.add(state);
      }
      if (schedule.isEmpty() || job.spec().suspend()) {
        continue;
      }
      Optional<Instant> next = due(job, schedule.get(), state, now, decisions, changed);
      nextDue = earliest(nextDue, next);
    }
    return new Plan(decisions, changed, removed, nextDue);
  }

  /** Decides for one CronJob whose schedule is known; returns its next scheduled time. */
  private static Optional<Instant> due(
      CronJob job,
      Schedule schedule,
      CronState state,
      Instant now,
      List<Decision> decisions,
      List<CronState> changed) {
    Instant first = null;
    Instant previous = null;
    Instant latest = null;
    int count = 0;
    Optional<Instant> next = schedule.nextAfter(state.lastScheduled());
    while (next.isPresent() && !next.get().isAfter(now) && count < MAX_DUE) {
      first = first == null ? next.get() : first;
      previous = latest;
      latest = next.get();
      count++;
      next = schedule.nextAfter(latest);
    }
    if (count == 0) {
      return next;
    }
    boolean capped = next.isPresent() && !next.get().isAfter(now);
    if (capped) {
      next = schedule.nextAfter(now);
    }
    changed.removeIf(s -> s.job().equals(job.id()));
    changed.add(state.handledUntil(capped ? now : latest));
    boolean onTime = !capped && !latest.plus(MISFIRE_THRESHOLD).isBefore(now);
    if (onTime) {
      boolean skip = job.spec().misfirePolicy() == MisfirePolicy.SKIP;
      decisions.add(new Decision.Fire(job, latest, skip ? 0 : count - 1, false));
      if (skip && count > 1) {
        decisions.add(new Decision.Missed(job, first, previous, count - 1));
      }
    } else if (job.spec().misfirePolicy() == MisfirePolicy.RUN_ONCE) {
      decisions.add(new Decision.Fire(job, latest, count - 1, true));
    } else {
      decisions.add(new Decision.Missed(job, first, latest, count));
    }
    return next;
  }

  /** The job's schedule, parsed once per expression and zone; a failure is decided once. */
  private Optional<Schedule> schedule(CronJob job, List<Decision> decisions) {
    String key = job.id() + " " + job.fingerprint();
    Parsed parsed = schedules.get(key);
    if (parsed == null) {
      try {
        parsed =
            new Parsed(
                Optional.of(Schedule.parse(job.spec().schedule(), job.spec().timeZone())), "");
      } catch (ScheduleException e) {
        parsed = new Parsed(Optional.empty(), e.getMessage());
        decisions.add(new Decision.Invalid(job, e.getMessage()));
      }
      schedules.put(key, parsed);
    }
    return parsed.schedule();
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return a.get().isBefore(b.get()) ? a : b;
  }
}
