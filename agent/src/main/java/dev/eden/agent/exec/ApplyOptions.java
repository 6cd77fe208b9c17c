package dev.eden.agent.exec;

import com.google.protobuf.Struct;
import dev.eden.proto.RunTrigger;
import java.nio.file.Path;

/**
 * How to apply a plan.
 *
 * @param root the folder that acts as {@code /} for every action ({@code /} for the host)
 * @param dryRun say what would change, change nothing
 * @param facts the node's facts (actions read {@code os.family})
 * @param trigger why this run happens
 * @param parallelism how many independent file steps may run at once (1 = strictly in order)
 * @param event what CEL conditions see as {@code event.*} (a dispatched run's; empty otherwise)
 * @param dispatch the dispatch id of a dispatched run (its coordination scope); "" otherwise
 */
public record ApplyOptions(
    Path root,
    boolean dryRun,
    Struct facts,
    RunTrigger trigger,
    int parallelism,
    Struct event,
    String dispatch) {

  public ApplyOptions(
      Path root, boolean dryRun, Struct facts, RunTrigger trigger, int parallelism) {
    this(root, dryRun, facts, trigger, parallelism, Struct.getDefaultInstance(), "");
  }

  /** Apply to the host, for real, in order, with no facts. */
  public static ApplyOptions defaults() {
    return new ApplyOptions(
        Path.of("/"), false, Struct.getDefaultInstance(), RunTrigger.RUN_TRIGGER_MANUAL, 1);
  }

  public ApplyOptions withRoot(Path r) {
    return new ApplyOptions(r, dryRun, facts, trigger, parallelism, event, dispatch);
  }

  public ApplyOptions withDryRun(boolean d) {
    return new ApplyOptions(root, d, facts, trigger, parallelism, event, dispatch);
  }

  public ApplyOptions withFacts(Struct f) {
    return new ApplyOptions(root, dryRun, f, trigger, parallelism, event, dispatch);
  }

  public ApplyOptions withTrigger(RunTrigger t) {
    return new ApplyOptions(root, dryRun, facts, t, parallelism, event, dispatch);
  }

  public ApplyOptions withParallelism(int p) {
    return new ApplyOptions(root, dryRun, facts, trigger, Math.max(1, p), event, dispatch);
  }

  public ApplyOptions withEvent(Struct e) {
    return new ApplyOptions(root, dryRun, facts, trigger, parallelism, e, dispatch);
  }

  public ApplyOptions withDispatch(String id) {
    return new ApplyOptions(root, dryRun, facts, trigger, parallelism, event, id);
  }
}
