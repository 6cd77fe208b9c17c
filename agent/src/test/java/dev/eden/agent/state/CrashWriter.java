package dev.eden.agent.state;

import com.google.protobuf.Timestamp;
import dev.eden.proto.Event;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Records runs as fast as it can until it is killed (see {@link LocalStateCrashTest}). */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    try (LocalState s = LocalState.open(Path.of(args[0]))) {
      while (true) {
        long n = s.nextRunNumber();
        RunReport.Builder r =
            RunReport.newBuilder()
                .setRunId("run-" + n)
                .setNode("n")
                .setRunNumber(n)
                .setStarted(Timestamp.newBuilder().setSeconds(n))
                .setFinished(Timestamp.newBuilder().setSeconds(n));
        for (int i = 0; i < 200; i++) {
          r.addSteps(
              StepResult.newBuilder()
                  .setStepId("step-" + i)
                  .setStatus(StepResult.Status.UNCHANGED)
                  .setMessage("x".repeat(100)));
        }
        var events =
            ReportEventsRequest.newBuilder()
                .addEvents(Event.newBuilder().setId("e-" + n).setReason("RunSucceeded"))
                .build();
        s.recordRun(r.build(), Map.of(), Optional.of(events), true);
      }
    }
  }
}
