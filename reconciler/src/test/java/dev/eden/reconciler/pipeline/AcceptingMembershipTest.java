package dev.eden.reconciler.pipeline;

import static dev.eden.testkit.Waits.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.ArriveBarrierRequest;
import dev.eden.proto.BarrierState;
import dev.eden.proto.CoordScope;
import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.CoordinationServiceGrpc.CoordinationServiceBlockingStub;
import dev.eden.proto.GrantLeaseRequest;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.RegisterRequest;
import dev.eden.proto.RevisionInfo;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.store.StoreException;
import dev.eden.reconciler.testkit.InProcessReconciler;
import dev.eden.testkit.GitRepoFixture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership records are written before a revision serves: records that cannot be written keep the
 * last revision serving, and a reconciler stopped between the records and the switch serves the old
 * revision with its own records after a restart, never a mix.
 */
class AcceptingMembershipTest {

  private static final String STEP = "ops/web/migrate";

  @TempDir Path tmp;

  /** A sync step on the nodes that {@code selector} picks. */
  private static Map<String, String> book(String selector) {
    return Map.of(
        "web.yaml",
        """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: web, namespace: ops}
        spec:
          targets: {selector: "SELECTOR"}
          steps:
            - name: migrate
              action: cmd.run
              parameters: {cmd: "true"}
              runOptions: {sync: true}
        """
            .replace("SELECTOR", selector));
  }

  @Test
  void recordsThatCannotBeWrittenLeaveTheLastRevisionServing() throws SQLException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String first = "main@sha1:" + repo.commit("both", book("tier=web"));
      try (InProcessReconciler r = started(repo, first)) {
        String hash = r.reconciler().plans().plan("web-1").orElseThrow().getHash();
        sql(tmp.resolve("data/coord.db"), failing("coord_members", "INSERT"));

        repo.commit("one", book("tier=web,zone=a"));
        // the membership sink refuses: the revision is rejected with the reason, never served
        SyncResult refused = r.reconciler().fetchNow();
        assertThat(refused).isInstanceOf(SyncResult.Rejected.class);
        assertThat(((SyncResult.Rejected) refused).revision().getErrorsList())
            .singleElement()
            .asString()
            .contains("coordination records of")
            .contains("not written");

        assertThat(current(r)).isEqualTo(first);
        assertThat(r.reconciler().plans().plan("web-1").orElseThrow().getHash()).isEqualTo(hash);
        assertThat(arrive(r, first).getMissingList()).containsExactly("web-2");
      }
    }
  }

  @Test
  void restartBetweenRecordsAndSwitchServesTheOldRevisionWithItsOwnRecords() throws SQLException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String first = "main@sha1:" + repo.commit("both", book("tier=web"));
      String second;
      try (InProcessReconciler r = started(repo, first)) {
        sql(tmp.resolve("data/eden.db"), failing("settings", "UPDATE"));
        second = "main@sha1:" + repo.commit("one", book("tier=web,zone=a"));
        assertThatThrownBy(() -> r.reconciler().fetchNow()).isInstanceOf(StoreException.class);
      }

      try (InProcessReconciler r =
          InProcessReconciler.start(
              repo.dir(), tmp.resolve("data"), new ManifestRevisionCompiler(new Compiler()))) {
        assertThat(current(r)).isEqualTo(first);
        // the barrier of the serving revision still waits for both of its nodes
        assertThat(arrive(r, first).getMissingList()).containsExactly("web-2");

        sql(tmp.resolve("data/eden.db"), "DROP TRIGGER fail_settings");
        r.reconciler().fetchNow(); // or the first poll after the restart, whichever comes first
        assertThat(current(r)).isEqualTo(second);
        BarrierState alone = arrive(r, second);
        assertThat(alone.getPassed()).isTrue();
        assertThat(alone.getMissingList()).isEmpty();
      }
    }
  }

  /** A reconciler on {@code repo} serving {@code revision} to web-1 (zone a) and web-2 (zone b). */
  private InProcessReconciler started(GitRepoFixture repo, String revision) {
    InProcessReconciler r =
        InProcessReconciler.start(
            repo.dir(), tmp.resolve("data"), new ManifestRevisionCompiler(new Compiler()));
    await().atMost(PATIENCE).until(() -> revision.equals(current(r)));
    register(r, "web-1", "a");
    register(r, "web-2", "b");
    return r;
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

  private static String current(InProcessReconciler r) {
    return r.reconciler().store().currentRevision().map(RevisionInfo::getId).orElse("");
  }

  /** web-1 arrives at the barrier of {@code revision}'s migrate step. */
  private static BarrierState arrive(InProcessReconciler r, String revision) {
    CoordinationServiceBlockingStub stub = coordination(r);
    String lease =
        stub.grantLease(GrantLeaseRequest.newBuilder().setNode("web-1").build()).getLeaseId();
    CoordScope scope =
        CoordScope.newBuilder()
            .setTaskbook("ops/web")
            .setStepId(STEP)
            .setRevision(revision)
            .setRun(revision)
            .build();
    try {
      return stub.arriveBarrier(
          ArriveBarrierRequest.newBuilder()
              .setScope(scope)
              .setNode("web-1")
              .setLeaseId(lease)
              .build());
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      throw e;
    }
  }

  private static CoordinationServiceBlockingStub coordination(InProcessReconciler r) {
    return CoordinationServiceGrpc.newBlockingStub(r.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  /** A trigger that makes every {@code op} on {@code table} fail, as a full disk would. */
  private static String failing(String table, String op) {
    return "CREATE TRIGGER fail_"
        + table
        + " BEFORE "
        + op
        + " ON "
        + table
        + " BEGIN SELECT RAISE(ABORT, 'disk full'); END";
  }

  private static void sql(Path db, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout=5000");
      st.execute(statement);
    }
  }
}
