package dev.eden.reconciler.coord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.DispatchedRun;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import dev.eden.testkit.FakeClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CoordinationStore} must do with membership records: who is in each barrier and
 * who the candidates of each target.limit are, per (TaskBook, step, revision) or per dispatch, as
 * {@link Memberships} derives them from compiled plans. An implementation's test extends this class
 * and says how to make a fresh, empty store.
 */
public abstract class MembershipRecordsContract {

  protected static final String R1 = "main@sha1:1111";
  protected static final String R2 = "main@sha1:2222";

  private static final PlanStep JOIN =
      step("join", RunOptions.newBuilder().setSync(true).setSerializeCount(2).build());
  private static final PlanStep TOKEN =
      step("token", RunOptions.newBuilder().setTargetLimit(1).build());
  private static final PlanStep PLAIN = step("motd", RunOptions.getDefaultInstance());

  protected CoordinationStore store;

  /** A new, empty store whose time is {@code clock}. */
  protected abstract CoordinationStore newStore(FakeClock clock);

  @BeforeEach
  void openStore() {
    store = newStore(new FakeClock(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private static PlanStep step(String name, RunOptions options) {
    return PlanStep.newBuilder()
        .setId("ops/cluster/" + name)
        .setTaskbook("ops/cluster")
        .setName(name)
        .setRunOptions(options)
        .build();
  }

  private static PlanStep candidate(PlanStep step) {
    return step.toBuilder()
        .setRunOptions(step.getRunOptions().toBuilder().setTargetCandidate(true))
        .build();
  }

  private static NodePlan plan(String node, PlanStep... steps) {
    return NodePlan.newBuilder().setNode(node).addAllSteps(List.of(steps)).build();
  }

  /** master-1 makes the token; the workers join. */
  private static Map<String, NodePlan> cluster(String... workers) {
    Map<String, NodePlan> plans = new LinkedHashMap<>();
    plans.put("master-1", plan("master-1", candidate(TOKEN), PLAIN));
    for (String w : workers) {
      plans.put(w, plan(w, TOKEN, JOIN, PLAIN));
    }
    return plans;
  }

  private static MemberKey key(PlanStep step, String revision) {
    return MemberKey.ofRevision(step.getTaskbook(), step.getId(), revision);
  }

  private StepMembership membership(PlanStep step, String revision) {
    return store.membership(key(step, revision)).orElseThrow();
  }

  @Test
  void aRevisionRecordsMembersCandidatesAndWhatEachStepAsksFor() {
    store.recordMembers(Memberships.ofRevision(R1, cluster("w1", "w2")));

    StepMembership token = membership(TOKEN, R1);
    assertThat(token.members()).containsExactly("master-1", "w1", "w2");
    assertThat(token.candidates()).containsExactly("master-1");
    assertThat(token.rule()).isEqualTo(new StepRule(false, 0, 1));
    StepMembership join = membership(JOIN, R1);
    assertThat(join.members()).containsExactly("w1", "w2");
    assertThat(join.candidates()).isEmpty();
    assertThat(join.rule()).isEqualTo(new StepRule(true, 2, 0));
  }

  @Test
  void stepsThatAskForNoCoordinationAndUnknownStepsHaveNoRecord() {
    store.recordMembers(Memberships.ofRevision(R1, cluster("w1")));

    assertThat(store.membership(key(PLAIN, R1))).isEmpty();
    assertThat(store.membership(key(step("nope", RunOptions.getDefaultInstance()), R1))).isEmpty();
    assertThat(store.membership(key(JOIN, R2))).isEmpty();
  }

  @Test
  void aNodeCompiledLaterAddsItsOwnRecordsAndANodeThatLostTheStepDropsOut() {
    store.recordMembers(Memberships.ofRevision(R1, cluster("w1", "w2")));

    store.recordMembers(Memberships.ofNodes(R1, Map.of("w3", plan("w3", TOKEN, JOIN))));
    store.recordMembers(Memberships.ofNodes(R1, Map.of("w1", plan("w1", TOKEN))));

    assertThat(membership(JOIN, R1).members()).containsExactly("w2", "w3");
    assertThat(membership(TOKEN, R1).members()).containsExactly("master-1", "w1", "w2", "w3");
  }

  @Test
  void aWholeRevisionReplacesEveryNodeOfIt() {
    store.recordMembers(Memberships.ofRevision(R1, cluster("w1", "w2")));

    store.recordMembers(Memberships.ofRevision(R1, cluster("w2")));

    assertThat(membership(JOIN, R1).members()).containsExactly("w2");
    assertThat(membership(TOKEN, R1).members()).containsExactly("master-1", "w2");
  }

  @Test
  void revisionsKeepTheirOwnRecordsUntilPruned() {
    store.recordMembers(Memberships.ofRevision(R1, cluster("w1", "w2")));
    store.recordMembers(Memberships.ofRevision(R2, cluster("w9")));

    assertThat(membership(JOIN, R1).members()).containsExactly("w1", "w2");
    assertThat(membership(JOIN, R2).members()).containsExactly("w9");

    store.pruneMembers(Set.of(R2), Set.of());

    assertThat(store.membership(key(JOIN, R1))).isEmpty();
    assertThat(membership(JOIN, R2).members()).containsExactly("w9");
  }

  @Test
  void aDispatchKeepsItsRecordsWhateverRevisionServesUntilItIsNoLongerPending() {
    PlanStep dispatched = JOIN.toBuilder().setId("d-1/ops/cluster/join").build();
    store.recordMembers(
        Memberships.ofDispatch(
            "d-1", Map.of("w1", List.of(dispatched), "w2", List.of(dispatched))));
    MemberKey key = MemberKey.ofDispatch("ops/cluster", "d-1/ops/cluster/join", "d-1");

    store.recordMembers(Memberships.ofRevision(R2, cluster("w1")));
    store.pruneMembers(Set.of(R2), Set.of("d-1"));
    assertThat(store.membership(key).orElseThrow().members()).containsExactly("w1", "w2");

    store.pruneMembers(Set.of(R2), Set.of());
    assertThat(store.membership(key)).isEmpty();
    assertThat(membership(JOIN, R2).members()).containsExactly("w1");
  }

  @Test
  void dispatchedRunsInAServedPlanAreRecordedByTheirDispatch() {
    PlanStep dispatched = candidate(TOKEN).toBuilder().setId("d-2/ops/cluster/token").build();
    NodePlan withRun =
        plan("w1", JOIN).toBuilder()
            .addDispatched(DispatchedRun.newBuilder().setId("d-2").addSteps(dispatched))
            .build();

    store.recordMembers(Memberships.ofRevision(R1, Map.of("w1", withRun)));

    StepMembership run =
        store
            .membership(MemberKey.ofDispatch("ops/cluster", "d-2/ops/cluster/token", "d-2"))
            .orElseThrow();
    assertThat(run.candidates()).containsExactly("w1");
    assertThat(store.membership(key(TOKEN, R1))).isEmpty();
  }
}
