package dev.eden.agent.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.eden.proto.Event;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateTest {
  @TempDir Path data;

  private static RunReport report(long n) {
    return RunReport.newBuilder()
        .setRunId("run-" + n)
        .setNode("web-1")
        .setRunNumber(n)
        .setPlanHash("h")
        .setStarted(Timestamp.newBuilder().setSeconds(1000))
        .setFinished(Timestamp.newBuilder().setSeconds(1001))
        .addSteps(
            StepResult.newBuilder().setStepId("a").setStatus(StepResult.Status.CHANGED).build())
        .build();
  }

  private static Optional<ReportEventsRequest> events() {
    return Optional.of(
        ReportEventsRequest.newBuilder()
            .addEvents(Event.newBuilder().setId("e1").setReason("RunSucceeded"))
            .build());
  }

  @Test
  void outboxSurvivesARestartAndIsEmptiedOnAck() {
    try (LocalState s = LocalState.open(data)) {
      s.recordRun(report(s.nextRunNumber()), Map.of(), events(), true);
    }
    try (LocalState s = LocalState.open(data)) {
      var entries = s.outbox(10);
      assertThat(entries).hasSize(2);
      assertThat(entries.get(0)).isInstanceOf(OutboxEntry.Run.class);
      assertThat(((OutboxEntry.Run) entries.get(0)).report().getRunId()).isEqualTo("run-1");
      assertThat(((OutboxEntry.Events) entries.get(1)).events().getEvents(0).getId())
          .isEqualTo("e1");
      entries.forEach(e -> s.ack(e.seq()));
      assertThat(s.outboxSize()).isZero();
      assertThat(s.nextRunNumber()).isEqualTo(2);
    }
    try (LocalState s = LocalState.open(data)) {
      assertThat(s.outbox(10)).isEmpty();
      assertThat(s.runs(5)).singleElement().satisfies(r -> assertThat(r.changed()).isEqualTo(1));
    }
  }

  @Test
  void cachedPlanRoundTrips() {
    NodePlan plan = NodePlan.newBuilder().setNode("web-1").setHash("abc").build();
    try (LocalState s = LocalState.open(data)) {
      assertThat(s.cachedPlan()).isEmpty();
      s.savePlan(plan);
      s.savePlan(plan.toBuilder().setHash("def").build());
    }
    try (LocalState s = LocalState.open(data)) {
      assertThat(s.cachedPlan()).map(NodePlan::getHash).contains("def");
    }
  }

  @Test
  void dryRunsDoNotOverwriteStepResultsAndAreNotQueuedWhenNotAsked() {
    try (LocalState s = LocalState.open(data)) {
      s.recordRun(report(1), Map.of("a", "fp"), events(), false);
      s.recordRun(
          report(2).toBuilder()
              .setDryRun(true)
              .setSteps(
                  0, StepResult.newBuilder().setStepId("a").setStatus(StepResult.Status.FAILED))
              .build(),
          Map.of(),
          events(),
          false);
      assertThat(s.lastStatus("a")).contains("CHANGED");
      assertThat(s.lastSuccessFingerprint("a")).contains("fp");
      assertThat(s.outboxSize()).isZero();
      assertThat(s.runs(5)).hasSize(2);
    }
  }
}
