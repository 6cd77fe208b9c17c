package dev.eden.reconciler.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.eden.common.WireText;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ObjectRef;
import dev.eden.proto.Origin;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import dev.eden.reconciler.compile.PlanHash;
import dev.eden.reconciler.dispatch.Origins;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Store} must do. Each implementation's test extends this and says how to open
 * one on a data directory (opening twice on the same directory must see the same data).
 */
abstract class StoreContract {

  /** Opens the store kept in {@code dataDir}. */
  protected abstract Store open(Path dataDir);

  @TempDir Path dataDir;

  @Test
  void runReportedTwiceIsStoredOnce() {
    try (Store store = open(dataDir)) {
      store.saveNode(NodeInfo.newBuilder().setName("web-1").build(), Instant.EPOCH);
      RunReport run = run("r-1", "web-1", StepResult.Status.CHANGED);

      assertThat(store.saveRun(run)).isTrue();
      assertThat(store.saveRun(run)).isFalse();

      assertThat(store.listRuns("web-1", 10)).containsExactly(run);
      assertThat(store.node("web-1").orElseThrow().lastAppliedRevision()).isEqualTo("main@sha1:a");
    }
  }

  @Test
  void failedRunIsAttemptedButNotApplied() {
    try (Store store = open(dataDir)) {
      store.saveNode(NodeInfo.newBuilder().setName("web-1").build(), Instant.EPOCH);
      store.saveRun(run("r-1", "web-1", StepResult.Status.FAILED));

      StoredNode node = store.node("web-1").orElseThrow();
      assertThat(node.lastAttemptedRevision()).isEqualTo("main@sha1:a");
      assertThat(node.lastAppliedRevision()).isEmpty();
    }
  }

  @Test
  void repeatedEventsFoldIntoOneWithCountAndNewSeq() {
    try (Store store = open(dataDir)) {
      Event first = store.recordEvent(event("e-1", "FetchFailed", "timeout", 10));
      Event other = store.recordEvent(event("e-2", "RevisionAccepted", "ok", 11));
      Event again = store.recordEvent(event("e-3", "FetchFailed", "timeout", 20));

      assertThat(again.getId()).isEqualTo("e-1");
      assertThat(again.getCount()).isEqualTo(2);
      assertThat(again.getFirstTime().getSeconds()).isEqualTo(10);
      assertThat(again.getLastTime().getSeconds()).isEqualTo(20);
      assertThat(again.getSeq()).isGreaterThan(other.getSeq()).isGreaterThan(first.getSeq());
      assertThat(store.listEvents(EventQuery.after(0)))
          .extracting(Event::getId)
          .containsExactly("e-2", "e-1");
      assertThat(store.listEvents(EventQuery.after(other.getSeq())))
          .extracting(Event::getCount)
          .containsExactly(2);
    }
  }

  @Test
  void eventWithKnownIdIsStoredOnce() {
    try (Store store = open(dataDir)) {
      Event once = store.recordEvent(event("e-1", "StepFailed", "boom", 10));
      Event twice = store.recordEvent(event("e-1", "StepFailed", "boom", 10));

      assertThat(twice).isEqualTo(once);
      assertThat(store.listEvents(EventQuery.after(0))).hasSize(1);
    }
  }

  @Test
  void aResentOccurrenceThatWasFoldedIsNotCountedAgain() {
    try (Store store = open(dataDir)) {
      store.recordEvent(event("e-1", "HealthzMissing", "exit code 1", 10));
      Event folded = store.recordEvent(event("e-2", "HealthzMissing", "exit code 1", 20));
      assertThat(folded.getCount()).isEqualTo(2);

      assertThat(store.recordEvent(event("e-2", "HealthzMissing", "exit code 1", 20)))
          .isEqualTo(folded);
      assertThat(store.recordEvent(event("e-1", "HealthzMissing", "exit code 1", 10)))
          .isEqualTo(folded);
    }
    try (Store reopened = open(dataDir)) {
      assertThat(reopened.recordEvent(event("e-2", "HealthzMissing", "exit code 1", 20)).getCount())
          .isEqualTo(2);
      assertThat(reopened.recordEvent(event("e-3", "HealthzMissing", "exit code 1", 30)).getCount())
          .isEqualTo(3);
    }
  }

  @Test
  void eventsFilterByNodeAndObject() {
    try (Store store = open(dataDir)) {
      store.recordEvent(event("e-1", "PlanChanged", "a", 1).toBuilder().setNode("web-1").build());
      store.recordEvent(event("e-2", "PlanChanged", "b", 2).toBuilder().setNode("web-2").build());

      assertThat(store.listEvents(new EventQuery("web-2", "", "", 0, 0)))
          .extracting(Event::getId)
          .containsExactly("e-2");
      assertThat(store.listEvents(new EventQuery("", "Revision", "main", 0, 0))).hasSize(2);
      assertThat(store.listEvents(new EventQuery("", "Node", "", 0, 0))).isEmpty();
    }
  }

  @Test
  void eventsFilterByNamespaceAndByKindInAnyCase() {
    try (Store store = open(dataDir)) {
      store.recordEvent(taskBookEvent("e-1", "prod", "web"));
      store.recordEvent(taskBookEvent("e-2", "dev", "web"));
      store.recordEvent(taskBookEvent("e-3", "prod", "db"));

      assertThat(store.listEvents(new EventQuery("", "TaskBook", "prod", "web", 0, 0)))
          .extracting(Event::getId)
          .containsExactly("e-1");
      assertThat(store.listEvents(new EventQuery("", "taskbook", "", "web", 0, 0)))
          .extracting(Event::getId)
          .containsExactly("e-1", "e-2");
      assertThat(store.listEvents(new EventQuery("", "", "prod", "", 0, 0)))
          .extracting(Event::getId)
          .containsExactly("e-1", "e-3");
    }
  }

  @Test
  void labelsTellEventsApartButTheRunLabelDoesNot() {
    try (Store store = open(dataDir)) {
      Event a =
          event("e-1", "HighLatency", "slow", 1).toBuilder().putLabels("instance", "a").build();
      Event b =
          event("e-2", "HighLatency", "slow", 2).toBuilder().putLabels("instance", "b").build();
      Event run1 = event("e-3", "StepFailed", "boom", 3).toBuilder().putLabels("run", "r1").build();
      Event run2 = event("e-4", "StepFailed", "boom", 4).toBuilder().putLabels("run", "r2").build();

      store.recordEvent(a);
      store.recordEvent(b);
      store.recordEvent(run1);
      Event folded = store.recordEvent(run2);

      assertThat(store.listEvents(EventQuery.after(0)))
          .extracting(e -> e.getId() + ":" + e.getCount())
          .containsExactly("e-1:1", "e-2:1", "e-3:2");
      assertThat(folded.getLabelsMap()).containsEntry("run", "r2");
    }
  }

  @Test
  void retentionDeletesByAgeThenAllButTheNewest() {
    try (Store store = open(dataDir)) {
      for (int i = 1; i <= 5; i++) {
        store.recordEvent(event("e-" + i, "Reason" + i, "m", i * 10L));
      }

      PrunedEvents pruned = store.pruneEvents(Instant.ofEpochSecond(25), 2);

      assertThat(pruned).isEqualTo(new PrunedEvents(2, 1));
      assertThat(store.listEvents(EventQuery.after(0)))
          .extracting(Event::getId)
          .containsExactly("e-4", "e-5");
      assertThat(store.pruneEvents(Instant.ofEpochSecond(25), 2).total()).isZero();
    }
  }

  @Test
  void retentionGoesByWhenAnEventLastHappened() {
    try (Store store = open(dataDir)) {
      store.recordEvent(event("e-1", "FetchFailed", "timeout", 10));
      store.recordEvent(event("e-2", "FetchFailed", "timeout", 100));

      assertThat(store.pruneEvents(Instant.ofEpochSecond(50), 10).total()).isZero();
      assertThat(store.pruneEvents(Instant.ofEpochSecond(101), 10).byAge()).isEqualTo(1);
      assertThat(store.listEvents(EventQuery.after(0))).isEmpty();
    }
  }

  @Test
  void aNodeIsMarkedLostOncePerLossUntilItIsSeenAgain() {
    try (Store store = open(dataDir)) {
      store.saveNode(NodeInfo.newBuilder().setName("a").build(), Instant.ofEpochSecond(100));
      store.saveNode(NodeInfo.newBuilder().setName("b").build(), Instant.ofEpochSecond(300));

      assertThat(store.markLost(Instant.ofEpochSecond(200), Instant.ofEpochSecond(250)))
          .extracting(StoredNode::name)
          .containsExactly("a");
      assertThat(store.markLost(Instant.ofEpochSecond(200), Instant.ofEpochSecond(260))).isEmpty();
      store.touchNode("a", Instant.ofEpochSecond(400));
      assertThat(store.clearLost("a")).contains(Instant.ofEpochSecond(250));
      assertThat(store.clearLost("a")).isEmpty();
      assertThat(store.clearLost("b")).isEmpty();
      assertThat(store.markLost(Instant.ofEpochSecond(350), Instant.ofEpochSecond(450)))
          .extracting(StoredNode::name)
          .containsExactly("b");
    }
  }

  @Test
  void aLostMarkSurvivesReopening() {
    try (Store store = open(dataDir)) {
      store.saveNode(NodeInfo.newBuilder().setName("a").build(), Instant.ofEpochSecond(100));
      store.markLost(Instant.ofEpochSecond(200), Instant.ofEpochSecond(250));
    }
    try (Store store = open(dataDir)) {
      assertThat(store.markLost(Instant.ofEpochSecond(300), Instant.ofEpochSecond(350))).isEmpty();
      assertThat(store.clearLost("a")).contains(Instant.ofEpochSecond(250));
    }
  }

  @Test
  void acceptedRevisionAndPlansSurviveReopening() {
    NodePlan plan = PlanHash.seal(NodePlan.newBuilder().setNode("web-1").build(), "main@sha1:a");
    RevisionInfo good = revision("main@sha1:a", true);
    try (Store store = open(dataDir)) {
      store.acceptRevision(good, Map.of("web-1", plan));
      store.rejectRevision(
          revision("main@sha1:b", false).toBuilder().addErrors("x:1:1: e").build());
    }
    try (Store store = open(dataDir)) {
      assertThat(store.currentRevision()).hasValue(good.toBuilder().setCurrent(true).build());
      assertThat(store.currentPlans()).containsExactlyEntriesOf(Map.of("web-1", plan));
      assertThat(store.listRevisions(10))
          .extracting(RevisionInfo::getId, RevisionInfo::getCurrent)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("main@sha1:b", false),
              org.assertj.core.groups.Tuple.tuple("main@sha1:a", true));
    }
  }

  @Test
  void acceptedRevisionReplacesEveryPlanAndPutPlansOnlyTheGivenNodes() {
    NodePlan a1 = PlanHash.seal(NodePlan.newBuilder().setNode("a").build(), "main@sha1:a");
    NodePlan b1 = PlanHash.seal(NodePlan.newBuilder().setNode("b").build(), "main@sha1:a");
    NodePlan b2 =
        PlanHash.seal(
            NodePlan.newBuilder()
                .setNode("b")
                .addSteps(dev.eden.proto.PlanStep.newBuilder().setId("x"))
                .build(),
            "main@sha1:b");
    try (Store store = open(dataDir)) {
      store.acceptRevision(revision("main@sha1:a", true), Map.of("a", a1, "b", b1));
      store.putPlans(Map.of("b", b2));
      assertThat(store.currentPlans()).containsExactlyInAnyOrderEntriesOf(Map.of("a", a1, "b", b2));

      store.acceptRevision(revision("main@sha1:b", true), Map.of("b", b2));
      assertThat(store.currentPlans()).containsOnlyKeys("b");
    }
  }

  @Test
  void touchingANodeMovesLastSeenForwardOnly() {
    try (Store store = open(dataDir)) {
      store.saveNode(NodeInfo.newBuilder().setName("a").build(), Instant.ofEpochSecond(100));
      store.touchNode("a", Instant.ofEpochSecond(200));
      store.touchNode("a", Instant.ofEpochSecond(150));
      store.touchNode("nobody", Instant.ofEpochSecond(300));

      assertThat(store.node("a").orElseThrow().lastSeen()).isEqualTo(Instant.ofEpochSecond(200));
      assertThat(store.listNodes()).extracting(StoredNode::name).containsExactly("a");
    }
  }

  @Test
  void dispatchKeepsEachNodesRunUntilThatNodeFinishesOnce() {
    try (Store store = open(dataDir)) {
      store.saveDispatch(
          dispatch("d-1", Origins.user("ana"), "web-1", "web-2"), runs("d-1", "web-1", "web-2"));
      store.saveDispatch(
          dispatch("d-2", Origins.cronJob("ops", "nightly"), "web-1"), runs("d-2", "web-1"));

      DispatchNode done =
          DispatchNode.newBuilder()
              .setNode("web-1")
              .setState(DispatchState.DISPATCH_STATE_FAILED)
              .setRunId("r-9")
              .setMessage("step 'x': boom")
              .setFinished(Timestamp.newBuilder().setSeconds(42))
              .build();
      assertThat(store.finishDispatch("d-1", done)).isTrue();
      assertThat(
              store.finishDispatch(
                  "d-1", done.toBuilder().setState(DispatchState.DISPATCH_STATE_SUCCEEDED).build()))
          .isFalse();
      assertThat(store.finishDispatch("d-404", done)).isFalse();
    }
    try (Store reopened = open(dataDir)) {
      DispatchStatus d1 = reopened.dispatch("d-1").orElseThrow();
      assertThat(d1.getTaskbook()).isEqualTo("ops/fix");
      assertThat(d1.getNodesList())
          .extracting(
              DispatchNode::getNode, n -> WireText.of(n.getState()), DispatchNode::getMessage)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("web-1", "Failed", "step 'x': boom"),
              org.assertj.core.groups.Tuple.tuple("web-2", "Pending", ""));
      assertThat(d1.getNodes(0).getFinished().getSeconds()).isEqualTo(42);
      Map<String, List<DispatchedRun>> pending = reopened.pendingDispatchedRuns();
      assertThat(pending.get("web-1")).extracting(DispatchedRun::getId).containsExactly("d-2");
      assertThat(pending.get("web-2")).extracting(DispatchedRun::getId).containsExactly("d-1");
      assertThat(reopened.listDispatches(Origins.cronJob("ops", "nightly"), true))
          .extracting(DispatchStatus::getId)
          .containsExactly("d-2");
      assertThat(reopened.listDispatches(Origin.getDefaultInstance(), false))
          .extracting(DispatchStatus::getId)
          .containsExactly("d-1", "d-2");
      assertThat(reopened.dispatch("d-404")).isEmpty();
    }
  }

  private static DispatchStatus dispatch(String id, Origin origin, String... nodes) {
    DispatchStatus.Builder b =
        DispatchStatus.newBuilder()
            .setId(id)
            .setTaskbook("ops/fix")
            .setOrigin(origin)
            .setCreated(Timestamp.newBuilder().setSeconds(1));
    for (String n : nodes) {
      b.addNodes(
          DispatchNode.newBuilder().setNode(n).setState(DispatchState.DISPATCH_STATE_PENDING));
    }
    return b.build();
  }

  private static Map<String, DispatchedRun> runs(String id, String... nodes) {
    Map<String, DispatchedRun> runs = new java.util.HashMap<>();
    for (String n : nodes) {
      runs.put(n, DispatchedRun.newBuilder().setId(id).setTaskbook("ops/fix").build());
    }
    return runs;
  }

  @Test
  void approvalsAndPendingVersionsOutliveTheStore() {
    Instant t = Instant.ofEpochSecond(100);
    try (Store store = open(dataDir)) {
      ApprovalStore a = store.approvals();
      a.approve(new ApprovalStore.Approved("ops/motd", "main@sha1:a", "a", "d1", "user:ana", t));
      a.approve(new ApprovalStore.Approved("ops/motd", "main@sha1:b", "b", "d2", "user:bo", t));
      a.approve(new ApprovalStore.Approved("ops/gone", "main@sha1:a", "a", "d9", "auto", t));
      a.revoke("ops/gone");

      assertThat(
              a.recordPending(new ApprovalStore.Pending("ops/motd", "main@sha1:c", "c", "d3", t)))
          .isTrue();
      assertThat(
              a.recordPending(new ApprovalStore.Pending("ops/motd", "main@sha1:d", "d", "d3", t)))
          .isFalse();
      assertThat(
              a.recordPending(new ApprovalStore.Pending("ops/motd", "main@sha1:d", "d", "d3", t)))
          .isFalse();
    }
    try (Store store = open(dataDir)) {
      ApprovalStore a = store.approvals();
      assertThat(a.approved("ops/motd"))
          .hasValue(new ApprovalStore.Approved("ops/motd", "main@sha1:b", "b", "d2", "user:bo", t));
      assertThat(a.approved("ops/gone")).isEmpty();
      assertThat(a.pendingVersions("ops/motd", "d3"))
          .extracting(ApprovalStore.Pending::revision)
          .containsExactly("main@sha1:c", "main@sha1:d");
      assertThat(a.pendingOf("ops/motd")).hasSize(2);
      assertThat(a.pendingOf("ops/other")).isEmpty();
    }
  }

  @Test
  void triggerReactionIsRememberedAcrossReopeningForTheSameSpecOnly() {
    try (Store store = open(dataDir)) {
      store.saveTriggerReaction("ops/restore", "spec-1", Instant.ofEpochSecond(100));
      store.saveTriggerReaction("ops/restore", "spec-1", Instant.ofEpochSecond(200));
    }
    try (Store store = open(dataDir)) {
      assertThat(store.lastTriggerReaction("ops/restore", "spec-1"))
          .contains(Instant.ofEpochSecond(200));
      assertThat(store.lastTriggerReaction("ops/restore", "spec-2")).isEmpty();
      assertThat(store.lastTriggerReaction("ops/other", "spec-1")).isEmpty();
      store.saveTriggerReaction("ops/restore", "spec-2", Instant.ofEpochSecond(300));
      assertThat(store.lastTriggerReaction("ops/restore", "spec-1")).isEmpty();
    }
  }

  private static RunReport run(String id, String node, StepResult.Status status) {
    return RunReport.newBuilder()
        .setRunId(id)
        .setNode(node)
        .setRunNumber(1)
        .setRevision("main@sha1:a")
        .setPlanHash("h")
        .addAllSteps(List.of(StepResult.newBuilder().setStepId("s").setStatus(status).build()))
        .build();
  }

  private static Event event(String id, String reason, String message, long seconds) {
    Timestamp t = Timestamp.newBuilder().setSeconds(seconds).build();
    return Event.newBuilder()
        .setId(id)
        .setType(Event.Type.WARNING)
        .setReason(reason)
        .setObject(ObjectRef.newBuilder().setKind("Revision").setName("main"))
        .setMessage(message)
        .setFirstTime(t)
        .setLastTime(t)
        .build();
  }

  private static Event taskBookEvent(String id, String namespace, String name) {
    return event(id, "StepChanged", id, 1).toBuilder()
        .setObject(ObjectRef.newBuilder().setKind("TaskBook").setNamespace(namespace).setName(name))
        .build();
  }

  private static RevisionInfo revision(String id, boolean accepted) {
    return RevisionInfo.newBuilder()
        .setId(id)
        .setCommit(id.substring(9))
        .setAccepted(accepted)
        .build();
  }
}
