package dev.eden.agent.coord;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import dev.eden.proto.StepResult;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Plan steps and step bodies for the coordination tests. */
final class Steps {

  static final List<String> SIX = List.of("n1", "n2", "n3", "n4", "n5", "n6");
  static final String REVISION = "main@sha1:0123abcd";
  static final RunScope RUN = new RunScope(REVISION, "", REVISION + "#1");

  private Steps() {}

  static PlanStep.Builder step(String name) {
    return PlanStep.newBuilder()
        .setId("ops/web/" + name)
        .setTaskbook("ops/web")
        .setName(name)
        .setAction("cmd.run");
  }

  static PlanStep serialized(String name, int count) {
    return step(name).setRunOptions(RunOptions.newBuilder().setSerializeCount(count)).build();
  }

  /** A sync step; who waits at its barrier is the reconciler's record ({@code fixture.members}). */
  static PlanStep synced(String name, long timeoutMs) {
    return step(name)
        .setRunOptions(RunOptions.newBuilder().setSync(true).setSyncTimeoutMs(timeoutMs))
        .build();
  }

  /** A target.limit step, as a candidate's plan has it. */
  static PlanStep targeted(String name, int limit) {
    return step(name)
        .setRunOptions(RunOptions.newBuilder().setTargetLimit(limit).setTargetCandidate(true))
        .build();
  }

  static Struct params(String key, String value) {
    return Struct.newBuilder()
        .putFields(key, Value.newBuilder().setStringValue(value).build())
        .build();
  }

  /** A body that changes the node (or not) and returns what {@code apply} computes. */
  static StepBody body(Predicate<Struct> wouldChange, Function<Struct, StepOutcome> apply) {
    return new StepBody() {
      @Override
      public boolean wouldChange(Struct parameters) {
        return wouldChange.test(parameters);
      }

      @Override
      public StepOutcome apply(Struct parameters) {
        return apply.apply(parameters);
      }
    };
  }

  static StepOutcome changed(String output) {
    return new StepOutcome(StepResult.Status.CHANGED, "done", output);
  }
}
