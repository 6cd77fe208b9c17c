package dev.eden.agent.coord;

import dev.eden.proto.ClaimTargetRequest;
import dev.eden.proto.ClaimTargetResponse;
import dev.eden.proto.CoordScope;
import dev.eden.proto.GetTargetResultRequest;
import dev.eden.proto.GetTargetResultResponse;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RecordTargetResultRequest;
import dev.eden.proto.RunOptions;
import dev.eden.proto.TargetResult;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code target.limit}: claims, declines and the results that nodes which did not run adopt. */
final class TargetClaims {

  private static final Logger log = LoggerFactory.getLogger(TargetClaims.class);

  private final CoordinationClient client;
  private final LeaseKeeper lease;
  private final String node;
  private final Clock clock;
  private final StepCoordinator.Settings settings;

  TargetClaims(
      CoordinationClient client,
      LeaseKeeper lease,
      String node,
      Clock clock,
      StepCoordinator.Settings settings) {
    this.client = client;
    this.lease = lease;
    this.node = node;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * For a {@code target.limit} step: {@link TargetDecision.Run} when this node is chosen, else
   * waits for a chosen node's result (taking over if that node dies) and adopts it.
   */
  TargetDecision claim(PlanStep step, RunScope run) throws CoordinationFailure {
    RunOptions options = step.getRunOptions();
    if (options.getTargetLimit() <= 0) {
      return new TargetDecision.Run();
    }
    CoordScope scope = run.scope(step);
    Instant deadline = clock.instant().plus(settings.targetTimeout());
    while (true) {
      ClaimTargetResponse claim = claimOnce(scope);
      if (claim.getChosen()) {
        return new TargetDecision.Run();
      }
      GetTargetResultResponse result =
          client.call(
              "get target result",
              s ->
                  s.getTargetResult(
                      GetTargetResultRequest.newBuilder()
                          .setScope(scope)
                          .setNode(node)
                          .setWaitMs(settings.pollWait().toMillis())
                          .build()));
      if (result.getFound()) {
        TargetResult r = result.getResult();
        log.info("event=target_adopted step={} node={} ran_on={}", step.getId(), node, r.getNode());
        return new TargetDecision.Adopt(
            r.getNode(),
            new StepOutcome(
                r.getStatus(), "ran on " + r.getNode() + ": " + r.getMessage(), r.getOutput()));
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new CoordinationFailure(
            CoordinationFailure.Reason.TIMEOUT,
            "no result for step "
                + step.getId()
                + " within "
                + settings.targetTimeout()
                + " from "
                + String.join(", ", claim.getRunnersList()));
      }
    }
  }

  private ClaimTargetResponse claimOnce(CoordScope scope) throws CoordinationFailure {
    return lease.withLease(
        leaseId ->
            client.call(
                "claim target",
                s ->
                    s.claimTarget(
                        ClaimTargetRequest.newBuilder()
                            .setScope(scope)
                            .setNode(node)
                            .setLeaseId(leaseId)
                            .build())));
  }

  /** Records this node's outcome of a target.limit step for the nodes that did not run it. */
  void recordResult(PlanStep step, RunScope run, StepOutcome outcome) throws CoordinationFailure {
    TargetResult result =
        TargetResult.newBuilder()
            .setNode(node)
            .setStatus(outcome.status())
            .setMessage(outcome.message())
            .setOutput(outcome.output())
            .build();
    client.call(
        "record target result",
        s ->
            s.recordTargetResult(
                RecordTargetResultRequest.newBuilder()
                    .setScope(run.scope(step))
                    .setResult(result)
                    .build()));
  }

  /** Says that this node skips the step, so that it is never chosen. */
  void decline(CoordScope scope) throws CoordinationFailure {
    lease.withLease(
        leaseId ->
            client.call(
                "decline target",
                s ->
                    s.claimTarget(
                        ClaimTargetRequest.newBuilder()
                            .setScope(scope)
                            .setNode(node)
                            .setLeaseId(leaseId)
                            .setDecline(true)
                            .build())));
  }
}
