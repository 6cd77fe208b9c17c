package dev.eden.reconciler.cron;

import dev.eden.proto.CronJobInfo;
import dev.eden.proto.Event;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.store.EventQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code eden get cronjobs} shows: every CronJob of the current revision with its next
 * scheduled time (from its stored state, so a time not handled yet shows as due), its last dispatch
 * as it stands now and its last event.
 */
public final class CronListing {

  private final CronJobSource jobs;
  private final CronStateStore states;
  private final Dispatcher dispatcher;
  private final EventLog events;
  private final Clock clock;

  public CronListing(
      CronJobSource jobs,
      CronStateStore states,
      Dispatcher dispatcher,
      EventLog events,
      Clock clock) {
    this.jobs = jobs;
    this.states = states;
    this.dispatcher = dispatcher;
    this.events = events;
    this.clock = clock;
  }

  /** Sorted by {@code namespace/name}; empty while no revision is known. */
  public List<CronJobInfo> list() {
    Optional<CronJobSource.Jobs> current = jobs.current();
    if (current.isEmpty()) {
      return List.of();
    }
    Map<String, CronState> stored = states.load();
    List<CronJobInfo> out = new ArrayList<>();
    for (CronJob job : current.get().jobs()) {
      out.add(info(job, Optional.ofNullable(stored.get(job.id()))));
    }
    out.sort(Comparator.comparing(CronJobInfo::getName));
    return out;
  }

  private CronJobInfo info(CronJob job, Optional<CronState> state) {
    CronJobInfo.Builder b =
        CronJobInfo.newBuilder()
            .setName(job.id())
            .setSchedule(job.spec().schedule())
            .setTimeZone(job.spec().timeZone().getId())
            .addAllTaskbooks(job.taskBooks())
            .setSuspend(job.spec().suspend());
    next(job, state).ifPresent(t -> b.setNextFire(EventLog.timestamp(t)));
    state.flatMap(CronState::lastFired).ifPresent(t -> b.setLastFired(EventLog.timestamp(t)));
    state
        .filter(s -> !s.lastDispatch().isEmpty())
        .flatMap(s -> dispatcher.get(s.lastDispatch()))
        .ifPresent(b::setLastDispatch);
    lastEvent(job).ifPresent(b::setLastEvent);
    return b.build();
  }

  /** The first scheduled time not handled yet: after the stored one, or after now when new. */
  private Optional<Instant> next(CronJob job, Optional<CronState> state) {
    if (job.spec().suspend()) {
      return Optional.empty();
    }
    Instant after =
        state
            .filter(s -> s.fingerprint().equals(job.fingerprint()))
            .map(CronState::lastScheduled)
            .orElse(clock.instant());
    try {
      return Schedule.parse(job.spec().schedule(), job.spec().timeZone()).nextAfter(after);
    } catch (ScheduleException e) {
      return Optional.empty();
    }
  }

  private Optional<Event> lastEvent(CronJob job) {
    return events
        .list(new EventQuery("", EventKinds.CRON_JOB, job.namespace(), job.name(), 0, 1))
        .stream()
        .findFirst();
  }
}
