package dev.eden.reconciler.cron;

import dev.eden.common.Reason;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;
import dev.eden.reconciler.dispatch.DispatchException;
import dev.eden.reconciler.dispatch.Dispatcher;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.schema.model.Spec.ConcurrencyPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the TaskBooks of CronJobs on their schedules: {@link #tick} reads the CronJobs and their
 * stored states, lets {@link CronPlanner} decide, stores the new states first (so a scheduled time
 * is never fired twice, even across a restart) and hands each fire to an executor, off the tick's
 * path. A fire applies the concurrency policy against the dispatcher's running dispatches of the
 * CronJob, dispatches, and says what happened as an event. {@link CronLoop} calls {@code tick} in
 * production; tests call it on a fake clock.
 */
public final class CronScheduler {

  private static final Logger LOG = LoggerFactory.getLogger(CronScheduler.class);

  private final CronJobSource jobs;
  private final CronStateStore states;
  private final Dispatcher dispatcher;
  private final EventLog events;
  private final Clock clock;
  private final Executor fires;
  private final CronPlanner planner = new CronPlanner();
  private final CronChains chains = new CronChains();

  /**
   * @param fires where fires run (a thread of their own in production, the caller's in tests)
   */
  public CronScheduler(
      CronJobSource jobs,
      CronStateStore states,
      Dispatcher dispatcher,
      EventLog events,
      Clock clock,
      Executor fires) {
    this.jobs = jobs;
    this.states = states;
    this.dispatcher = dispatcher;
    this.events = events;
    this.clock = clock;
    this.fires = fires;
  }

  /**
   * Handles every scheduled time up to the clock's now.
   *
   * @return the next scheduled time of any CronJob not suspended; empty when there is none, or no
   *     revision is known yet
   */
  public synchronized Optional<Instant> tick() {
    Instant now = clock.instant();
    Optional<CronJobSource.Jobs> current = jobs.current();
    if (current.isEmpty()) {
      return Optional.empty();
    }
    String revision = current.get().revision();
    advanceChains();
    CronPlanner.Plan plan = planner.plan(current.get().jobs(), states.load(), now);
    states.save(plan.changed(), plan.removed());
    for (Decision decision : plan.decisions()) {
      if (decision instanceof Decision.Fire fire) {
        fires.execute(() -> fireQuietly(fire, revision));
      } else if (decision instanceof Decision.Missed missed) {
        missed(missed, revision);
      } else if (decision instanceof Decision.Invalid invalid) {
        emit(
            Event.Type.WARNING,
            Reason.CRON_JOB_FAILED,
            invalid.job(),
            revision,
            "schedule "
                + invalid.job().fingerprint()
                + " cannot be evaluated: "
                + invalid.reason());
      }
    }
    return plan.nextDue();
  }

  /** Whether a CronJob run waits for a dispatch before it starts its next TaskBook. */
  public boolean waitsForDispatches() {
    return !chains.isEmpty();
  }

  /** Starts the next TaskBook of every run whose last dispatch finished, or says why not. */
  private void advanceChains() {
    for (CronChains.Outcome outcome : chains.finished(dispatcher::get)) {
      CronChains.Chain c = outcome.chain();
      if (outcome instanceof CronChains.Outcome.Stop stop) {
        emit(
            Event.Type.WARNING,
            Reason.CRON_JOB_FAILED,
            c.job(),
            c.revision(),
            "run scheduled for "
                + c.fire().scheduled()
                + ": "
                + c.next().orElseThrow()
                + " not started: "
                + stop.why());
      } else {
        fires.execute(() -> startQuietly(c.fire(), c.index() + 1, c.revision()));
      }
    }
  }

  private void missed(Decision.Missed missed, String revision) {
    emit(
        Event.Type.WARNING,
        Reason.CRON_JOB_MISSED,
        missed.job(),
        revision,
        count(missed.count(), missed.count())
            + " scheduled time(s) from "
            + missed.first()
            + " to "
            + missed.last()
            + " passed while the reconciler was away; misfirePolicy skip: not run");
  }

  private void fireQuietly(Decision.Fire fire, String revision) {
    try {
      fire(fire, revision);
    } catch (RuntimeException e) {
      LOG.error("event=cron_fire_crashed job={} error=\"{}\"", fire.job().id(), e.toString(), e);
      emit(
          Event.Type.WARNING,
          Reason.CRON_JOB_FAILED,
          fire.job(),
          revision,
          "run scheduled for " + fire.scheduled() + " not started: " + e);
    }
  }

  private void fire(Decision.Fire fire, String revision) {
    CronJob job = fire.job();
    ConcurrencyPolicy policy = job.spec().concurrencyPolicy();
    List<DispatchStatus> running = dispatcher.running(job.origin());
    boolean chained = chains.inProgress(job.id());
    if ((!running.isEmpty() || chained) && policy == ConcurrencyPolicy.FORBID) {
      emit(
          Event.Type.NORMAL,
          Reason.CRON_JOB_SKIPPED,
          job,
          revision,
          "run scheduled for "
              + fire.scheduled()
              + " skipped: "
              + (running.isEmpty()
                  ? "the previous run has TaskBooks still to start"
                  : "dispatch " + running.get(0).getId() + " still running")
              + " (concurrencyPolicy Forbid)");
      return;
    }
    if (policy == ConcurrencyPolicy.REPLACE) {
      chains.drop(job.id());
      running.forEach(
          d ->
              dispatcher.cancel(
                  d.getId(), "replaced by the run scheduled for " + fire.scheduled()));
    }
    start(fire, 0, revision);
  }

  private void startQuietly(Decision.Fire fire, int index, String revision) {
    try {
      start(fire, index, revision);
    } catch (RuntimeException e) {
      LOG.error("event=cron_next_crashed job={} error=\"{}\"", fire.job().id(), e.toString(), e);
      emit(
          Event.Type.WARNING,
          Reason.CRON_JOB_FAILED,
          fire.job(),
          revision,
          "run scheduled for " + fire.scheduled() + ": not continued: " + e);
    }
  }

  /** Dispatches the {@code index}th TaskBook of the run; a later one waits for this dispatch. */
  private void start(Decision.Fire fire, int index, String revision) {
    CronJob job = fire.job();
    String taskBook = job.taskBooks().get(index);
    try {
      DispatchStatus started = dispatcher.dispatch(request(fire, taskBook));
      states.recordFire(job.id(), clock.instant(), started.getId());
      chains.started(fire, started.getId(), index, revision);
      emit(Event.Type.NORMAL, Reason.CRON_FIRED, job, revision, firedMessage(fire, index, started));
    } catch (DispatchException e) {
      emit(
          Event.Type.WARNING,
          Reason.CRON_JOB_FAILED,
          job,
          revision,
          "run scheduled for "
              + fire.scheduled()
              + (job.taskBooks().size() > 1 ? ": " + taskBook : "")
              + " not started: "
              + e.getMessage());
    }
  }

  private static Dispatcher.Request request(Decision.Fire fire, String taskBook) {
    CronJob job = fire.job();
    return new Dispatcher.Request(
        taskBook,
        job.spec().selector(),
        Set.of(),
        job.origin(),
        Map.of(
            "reason", Reason.CRON_FIRED.text(),
            "cronJob", job.id(),
            "scheduledTime", fire.scheduled().toString(),
            "missed", fire.missed()));
  }

  private String firedMessage(Decision.Fire fire, int index, DispatchStatus started) {
    List<String> all = fire.job().taskBooks();
    String message =
        "scheduled "
            + fire.scheduled()
            + ": dispatch "
            + started.getId()
            + " of "
            + all.get(index)
            + " on "
            + started.getNodesCount()
            + " node(s)";
    if (all.size() > 1) {
      message += " (TaskBook " + (index + 1) + " of " + all.size() + ")";
    }
    if (index > 0) {
      return message;
    }
    if (fire.late()) {
      message += ", late by " + Duration.between(fire.scheduled(), clock.instant());
    }
    return fire.missed() == 0
        ? message
        : message
            + "; "
            + count(fire.missed(), fire.missed() + 1)
            + " earlier missed time(s) folded in (misfirePolicy runOnce)";
  }

  /**
   * {@code n} times, out of {@code due} counted: the planner stops counting at {@link
   * CronPlanner#MAX_DUE}, so a count that reached it is a lower bound.
   */
  private static String count(int n, int due) {
    return due >= CronPlanner.MAX_DUE ? "at least " + n : String.valueOf(n);
  }

  private void emit(Event.Type type, Reason reason, CronJob job, String revision, String message) {
    ObjectRef object =
        ObjectRef.newBuilder()
            .setKind(EventKinds.CRON_JOB)
            .setNamespace(job.namespace())
            .setName(job.name())
            .build();
    events.emit(type, reason, object, "", revision, message);
  }
}
