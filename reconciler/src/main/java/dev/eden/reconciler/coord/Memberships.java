package dev.eden.reconciler.coord;

import dev.eden.proto.DispatchedRun;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The membership records of some compiled plans, derived from the plans alone: for every
 * coordinated step (sync, serialize, target.limit) of every node's plan, one {@link MemberRecord}
 * of that node. The plans say only what a step asks for; who takes part is this.
 *
 * <p>{@link CoordinationStore#recordMembers} replaces, under {@code revision}, the records of
 * {@code nodes} (of every node of the revision when {@code wholeRevision}) by {@code records}, and
 * adds the records of dispatched runs.
 *
 * @param revision the revision the plans were compiled from; "" for dispatched runs only
 * @param nodes the nodes whose records these are
 * @param wholeRevision every node of the revision: nodes absent from {@code nodes} drop out
 */
public record Memberships(
    String revision, Set<String> nodes, boolean wholeRevision, List<MemberRecord> records) {

  public Memberships {
    nodes = Set.copyOf(nodes);
    records = List.copyOf(records);
  }

  /** Every node's records when revision {@code revision} is accepted with {@code plans}. */
  public static Memberships ofRevision(String revision, Map<String, NodePlan> plans) {
    return new Memberships(revision, plans.keySet(), true, records(revision, plans));
  }

  /** The records of the nodes in {@code plans} only (recompiled under {@code revision}). */
  public static Memberships ofNodes(String revision, Map<String, NodePlan> plans) {
    return new Memberships(revision, plans.keySet(), false, records(revision, plans));
  }

  /** The records of dispatched run {@code dispatch}: its compiled steps by node. */
  public static Memberships ofDispatch(String dispatch, Map<String, List<PlanStep>> steps) {
    List<MemberRecord> out = new ArrayList<>();
    steps.forEach((node, list) -> list.forEach(s -> add(out, "", dispatch, node, s)));
    return new Memberships("", steps.keySet(), false, out);
  }

  /** The dispatches these records are for. */
  public Set<String> dispatches() {
    Set<String> out = new TreeSet<>();
    records.forEach(r -> out.add(r.key().dispatch()));
    out.remove("");
    return out;
  }

  private static List<MemberRecord> records(String revision, Map<String, NodePlan> plans) {
    if (revision.isBlank()) {
      throw new IllegalArgumentException("revision must be set");
    }
    List<MemberRecord> out = new ArrayList<>();
    plans.forEach(
        (node, plan) -> {
          for (PlanStep s : plan.getStepsList()) {
            add(out, revision, "", node, s);
          }
          for (DispatchedRun run : plan.getDispatchedList()) {
            for (PlanStep s : run.getStepsList()) {
              add(out, "", run.getId(), node, s);
            }
          }
        });
    return out;
  }

  /** Adds the node's record of {@code s}, when the step is coordinated at all. */
  private static void add(
      List<MemberRecord> out, String revision, String dispatch, String node, PlanStep s) {
    StepRule rule = StepRule.of(s.getRunOptions());
    if (rule.coordinated()) {
      MemberKey key = new MemberKey(s.getTaskbook(), s.getId(), revision, dispatch);
      out.add(new MemberRecord(key, node, rule, s.getRunOptions().getTargetCandidate()));
    }
  }
}
