package dev.eden.agent.beacon;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.agent.action.ActionContext;
import dev.eden.agent.action.Actions;
import dev.eden.agent.action.BadParameterException;
import dev.eden.agent.action.Invoker;
import dev.eden.agent.action.Outcome;
import dev.eden.agent.action.Params;
import dev.eden.agent.cond.ConditionBindings;
import dev.eden.agent.cond.ConditionException;
import dev.eden.agent.cond.Conditions;
import dev.eden.agent.coord.Pause;
import dev.eden.agent.fs.RootFs;
import dev.eden.agent.proc.CommandRunner;
import dev.eden.proto.PlanBeacon;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs a beacon's check once and says whether it passed. A check never changes the node:
 *
 * <ul>
 *   <li>{@code cmd.run} runs its command for real (as the action would, with {@code EDEN_ROOT}),
 *       killed after its {@code timeout} or else after the beacon's interval; exit code 0 passes.
 *   <li>{@code http.get} passes when {@code url} answers with {@code status} (default 200).
 *   <li>{@code expression} passes when its CEL expression over {@code facts} and {@code node} is
 *       true: it describes the healthy state, e.g. {@code facts.memoryMb >= 512}.
 *   <li>every other action runs as a dry run: unchanged passes, a change it would make fails as
 *       drift, and a failure fails.
 * </ul>
 */
public final class BeaconCheck {
  public static final String HTTP_GET = "http.get";
  public static final String EXPRESSION = "expression";
  private static final String CMD_RUN = "cmd.run";

  private final Invoker invoker;
  private final RootFs fs;
  private final CommandRunner runner;
  private final String node;
  private final Map<String, String> labels;
  private final Supplier<Struct> facts;
  private final Conditions conditions = new Conditions(Pause.REAL);
  private final HttpProbe http = new HttpProbe();

  /**
   * @param fs the node's file system (rooted under {@code --root})
   * @param facts the node's facts, asked for at each check that needs them
   */
  public BeaconCheck(
      Actions actions,
      RootFs fs,
      CommandRunner runner,
      String node,
      Map<String, String> labels,
      Supplier<Struct> facts) {
    this.invoker = new Invoker(actions);
    this.fs = fs;
    this.runner = runner;
    this.node = node;
    this.labels = Map.copyOf(labels);
    this.facts = facts;
  }

  /**
   * Runs the check of {@code beacon}.
   *
   * @throws InterruptedException when the agent is stopping; the result means nothing then
   */
  public CheckResult run(PlanBeacon beacon) throws InterruptedException {
    try {
      CheckResult result =
          switch (beacon.getAction()) {
            case CMD_RUN -> command(beacon);
            case HTTP_GET -> http.get(new Params(HTTP_GET, beacon.getParameters()));
            case EXPRESSION -> expression(beacon);
            default -> dryRun(beacon);
          };
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("beacon " + beacon.getName() + " interrupted");
      }
      return result;
    } catch (BadParameterException e) {
      return CheckResult.fail(e.getMessage());
    }
  }

  private CheckResult command(PlanBeacon beacon) {
    Struct params = beacon.getParameters();
    if (!params.containsFields("timeout") && beacon.getIntervalMs() > 0) {
      Value interval = Value.newBuilder().setStringValue(beacon.getIntervalMs() + "ms").build();
      params = params.toBuilder().putFields("timeout", interval).build();
    }
    Outcome o = invoker.invoke(CMD_RUN, params, context(false));
    if (o instanceof Outcome.Changed) {
      return CheckResult.pass("exit code 0");
    }
    return o instanceof Outcome.Unchanged
        ? CheckResult.pass(o.message())
        : CheckResult.fail(o.message());
  }

  private CheckResult dryRun(PlanBeacon beacon) {
    Outcome o = invoker.invoke(beacon.getAction(), beacon.getParameters(), context(true));
    if (o instanceof Outcome.Unchanged) {
      return CheckResult.pass(o.message());
    }
    return o instanceof Outcome.Changed
        ? CheckResult.fail("drift: " + o.message())
        : CheckResult.fail(o.message());
  }

  private CheckResult expression(PlanBeacon beacon) {
    Params p = new Params(EXPRESSION, beacon.getParameters());
    p.allowOnly(Set.of(EXPRESSION));
    String text = p.string(EXPRESSION);
    try {
      ConditionBindings bindings =
          new ConditionBindings(
              node, labels, ConditionBindings.of(facts.get()), Map.of(), Map.of());
      return conditions.compile(text).test(bindings)
          ? CheckResult.pass(text + " is true")
          : CheckResult.fail(text + " is false");
    } catch (ConditionException e) {
      return CheckResult.fail(EXPRESSION + ": " + e.getMessage());
    }
  }

  private ActionContext context(boolean dryRun) {
    Struct now = dryRun ? facts.get() : Struct.getDefaultInstance();
    return new ActionContext(fs, dryRun, runner, now, step -> false, false);
  }
}
