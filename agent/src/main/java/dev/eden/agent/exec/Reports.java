package dev.eden.agent.exec;

import dev.eden.agent.action.Outcome;
import dev.eden.common.Reason;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.Event;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.PlanStep;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Turns outcomes into the wire's StepResult, RunReport and Events. */
public final class Reports {
  private Reports() {}

  static StepResult stepResult(PlanStep step, Outcome o, Instant started, Duration took) {
    StepResult.Builder b =
        StepResult.newBuilder()
            .setStepId(step.getId())
            .setName(step.getName())
            .setAction(step.getAction())
            .setStatus(status(o))
            .setMessage(o.message())
            .setDurationMs(took.toMillis())
            .setStarted(ProtoTime.of(started));
    if (!step.getSensitive()) {
      b.setDiff(o.diff());
    }
    return b.build();
  }

  static StepResult.Status status(Outcome o) {
    if (o instanceof Outcome.Changed) {
      return StepResult.Status.CHANGED;
    }
    if (o instanceof Outcome.Unchanged) {
      return StepResult.Status.UNCHANGED;
    }
    if (o instanceof Outcome.Failed) {
      return StepResult.Status.FAILED;
    }
    return StepResult.Status.SKIPPED;
  }

  /**
   * Events for the reconciler: {@code StepChanged} per step that changed something (not in a dry
   * run; unchanged steps emit nothing), {@code StepFailed} per failed step, and one for the run as
   * a whole.
   */
  static ReportEventsRequest events(NodePlan plan, RunReport report) {
    ReportEventsRequest.Builder b = ReportEventsRequest.newBuilder();
    long failed = 0;
    long changed = 0;
    for (StepResult s : report.getStepsList()) {
      if (s.getStatus() == StepResult.Status.CHANGED) {
        changed++;
        if (!report.getDryRun()) {
          b.addEvents(
              event(
                      report,
                      Event.Type.NORMAL,
                      Reason.STEP_CHANGED,
                      taskBook(plan, s),
                      s.getName() + ": " + s.getMessage())
                  .toBuilder()
                  .putLabels("step", s.getName())
                  .build());
        }
      }
      if (s.getStatus() == StepResult.Status.FAILED) {
        failed++;
        b.addEvents(
            event(
                    report,
                    Event.Type.WARNING,
                    Reason.STEP_FAILED,
                    taskBook(plan, s),
                    s.getName() + ": " + s.getMessage())
                .toBuilder()
                .putLabels("step", s.getName())
                .build());
      }
    }
    String summary =
        "run " + report.getRunNumber() + ": " + changed + " changed, " + failed + " failed";
    b.addEvents(
        event(
            report,
            failed > 0 ? Event.Type.WARNING : Event.Type.NORMAL,
            failed > 0 ? Reason.RUN_FAILED : Reason.RUN_SUCCEEDED,
            ObjectRef.newBuilder().setKind("Node").setName(report.getNode()).build(),
            summary));
    return b.build();
  }

  private static ObjectRef taskBook(NodePlan plan, StepResult s) {
    String tb =
        plan.getStepsList().stream()
            .filter(p -> p.getId().equals(s.getStepId()))
            .map(PlanStep::getTaskbook)
            .findFirst()
            .orElse("");
    int slash = tb.indexOf('/');
    return ObjectRef.newBuilder()
        .setKind("TaskBook")
        .setNamespace(slash < 0 ? "" : tb.substring(0, slash))
        .setName(slash < 0 ? tb : tb.substring(slash + 1))
        .build();
  }

  private static Event event(
      RunReport r, Event.Type type, Reason reason, ObjectRef object, String message) {
    return Event.newBuilder()
        .setId(UUID.randomUUID().toString())
        .setType(type)
        .setReason(reason.text())
        .setObject(object)
        .setNode(r.getNode())
        .setRevision(r.getRevision())
        .setMessage(message)
        .putLabels("run", r.getRunId())
        .setFirstTime(r.getFinished())
        .setLastTime(r.getFinished())
        .setCount(1)
        .build();
  }

  /** Counts of each status, in the order CHANGED, UNCHANGED, FAILED, SKIPPED. */
  public static int[] counts(List<StepResult> steps) {
    int[] c = new int[4];
    for (StepResult s : steps) {
      switch (s.getStatus()) {
        case CHANGED -> c[0]++;
        case UNCHANGED -> c[1]++;
        case FAILED -> c[2]++;
        default -> c[3]++;
      }
    }
    return c;
  }

  /** True when no step failed. */
  public static boolean succeeded(RunReport r) {
    return r.getStepsList().stream().noneMatch(s -> s.getStatus() == StepResult.Status.FAILED);
  }
}
