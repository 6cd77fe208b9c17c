package dev.eden.reconciler.coord;

import dev.eden.proto.CoordScope;
import dev.eden.reconciler.trust.Authorizer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides from the reconciler's own membership records whether a node may take part in a step: the
 * step must be in that node's plan of the scope's revision (or dispatch). Anything else is refused
 * (PERMISSION_DENIED), audited as every refusal; the request never says who else takes part.
 */
final class MemberCheck {

  private static final Logger log = LoggerFactory.getLogger(MemberCheck.class);

  private final CoordinationStore store;
  private final Authorizer authorizer;

  MemberCheck(CoordinationStore store, Authorizer authorizer) {
    this.store = store;
    this.authorizer = authorizer;
  }

  /** The membership records' key of {@code scope}. */
  static MemberKey key(CoordScope scope) {
    if (scope.getDispatchId().isEmpty() && scope.getRevision().isEmpty()) {
      throw new IllegalArgumentException("scope.revision (or scope.dispatch_id) must be set");
    }
    if (scope.getTaskbook().isBlank() || scope.getStepId().isBlank()) {
      throw new IllegalArgumentException("scope.taskbook and scope.step_id must be set");
    }
    return scope.getDispatchId().isEmpty()
        ? MemberKey.ofRevision(scope.getTaskbook(), scope.getStepId(), scope.getRevision())
        : MemberKey.ofDispatch(scope.getTaskbook(), scope.getStepId(), scope.getDispatchId());
  }

  /**
   * The step's membership, when {@code node} is one of its members.
   *
   * @throws dev.eden.reconciler.trust.TrustException DENIED when it is not (or no plan has the
   *     step, or the scope's run is not of its revision)
   */
  StepMembership member(CoordScope scope, String node) {
    MemberKey key = key(scope);
    String run = scope.getRun();
    if (key.dispatch().isEmpty()
        && !run.equals(key.revision())
        && !run.startsWith(key.revision() + "#")) {
      throw refuse(key, node, "run '" + run + "' is not a run of revision " + key.revision());
    }
    StepMembership m =
        store
            .membership(key)
            .orElseThrow(() -> refuse(key, node, "no plan of " + origin(key) + " has this step"));
    if (!m.members().contains(node)) {
      throw refuse(
          key, node, "the plan of node " + node + " for " + origin(key) + " has no such step");
    }
    return m;
  }

  /** As {@link #member}, and the step must ask for {@code what} ({@code asks} of its rule). */
  StepMembership member(CoordScope scope, String node, String what, Predicate<StepRule> asks) {
    StepMembership m = member(scope, node);
    if (!asks.test(m.rule())) {
      throw refuse(m.key(), node, "the step has no " + what + " in the plan");
    }
    return m;
  }

  /** As {@link #member}, and {@code node} must be one of the step's target candidates. */
  StepMembership candidate(CoordScope scope, String node) {
    StepMembership m = member(scope, node, "target.limit", r -> r.targetLimit() > 0);
    if (!m.candidates().contains(node)) {
      throw refuse(m.key(), node, "node " + node + " is not a candidate of its target");
    }
    return m;
  }

  private RuntimeException refuse(MemberKey key, String node, String why) {
    log.info("event=coord_refused step={} node={} reason=\"{}\"", key, node, why);
    return authorizer.refuse("step " + key, why);
  }

  private static String origin(MemberKey key) {
    return key.dispatch().isEmpty() ? "revision " + key.revision() : "dispatch " + key.dispatch();
  }
}
