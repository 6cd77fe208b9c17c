package dev.eden.reconciler.dispatch;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.ArriveBarrierRequest;
import dev.eden.proto.BarrierState;
import dev.eden.proto.CoordScope;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.CoordinationServiceGrpc.CoordinationServiceBlockingStub;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RunTaskBookRequest;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.pipeline.ManifestRevisionCompiler;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dispatched run's coordinated steps are recorded by their dispatch, for its nodes only. */
class DispatchMembershipTest {

  @TempDir Path tmp;

  @Test
  void aDispatchedSyncStepWaitsForTheDispatchNodesFromItsOwnRecords() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit(
          "manual",
          Map.of(
              "fix.yaml",
              """
              apiVersion: v1alpha
              kind: TaskBook
              metadata: {name: fix, namespace: ops}
              spec:
                mode: manual
                targets: {selector: "tier=web"}
                steps:
                  - name: restart
                    action: cmd.run
                    parameters: {cmd: "true"}
                    runOptions: {sync: true}
              """));
      try (InProcessReconciler r =
          InProcessReconciler.start(
              repo.dir(), tmp.resolve("data"), new ManifestRevisionCompiler(new Compiler()))) {
        await().atMost(PATIENCE).until(() -> r.reconciler().store().currentRevision().isPresent());
        register(r, "web-1", "a");
        register(r, "web-2", "a");
        register(r, "web-3", "b");

        DispatchStatus started =
            r.control()
                .runTaskBook(
                    RunTaskBookRequest.newBuilder()
                        .setTaskbook("ops/fix")
                        .setSelector("zone=a")
                        .build());
        NodePlan plan = r.reconciler().plans().plan("web-1").orElseThrow();
        PlanStep step = plan.getDispatched(0).getSteps(0);
        CoordScope scope =
            CoordScope.newBuilder()
                .setTaskbook(step.getTaskbook())
                .setStepId(step.getId())
                .setRevision(plan.getRevision())
                .setRun(plan.getRevision())
                .setDispatchId(started.getId())
                .build();

        BarrierState state = arrive(r, "web-1", scope);
        assertThat(state.getMissingList()).containsExactly("web-2");
        assertThatThrownBy(() -> arrive(r, "web-3", scope))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThatThrownBy(() -> arrive(r, "web-1", scope.toBuilder().clearDispatchId().build()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
      }
    }
  }

  private static void register(InProcessReconciler r, String node, String zone) {
    r.agent()
        .register(
            RegisterRequest.newBuilder()
                .setNode(
                    NodeInfo.newBuilder()
                        .setName(node)
                        .putLabels("tier", "web")
                        .putLabels("zone", zone))
                .build());
    coordination(r)
        .grantLease(
            GrantLeaseRequest.newBuilder()
                .setNode(node)
                .setTtlMs(TimeUnit.MINUTES.toMillis(10))
                .build());
  }

  private static BarrierState arrive(InProcessReconciler r, String node, CoordScope scope) {
    CoordinationServiceBlockingStub stub = coordination(r);
    String lease =
        stub.grantLease(GrantLeaseRequest.newBuilder().setNode(node).build()).getLeaseId();
    return stub.arriveBarrier(
        ArriveBarrierRequest.newBuilder().setScope(scope).setNode(node).setLeaseId(lease).build());
  }

  private static CoordinationServiceBlockingStub coordination(InProcessReconciler r) {
    return CoordinationServiceGrpc.newBlockingStub(r.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }
}
