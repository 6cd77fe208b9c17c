package dev.eden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.CoordinationServiceGrpc;
import dev.eden.proto.ListLocksRequest;
import dev.eden.proto.LockHolding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coordination across real agent processes: a join token made once (target.limit 1) and read by
 * every worker through its export, then a restart two at a time (serialize count 2).
 */
@Timeout(300)
class CoordinationIT {

  private static final List<String> WEB = List.of("web-1", "web-2", "web-3", "web-4");

  @TempDir Path work;

  @Test
  void joinTokenIsMadeOnceReadByEveryWorkerAndRestartsGoTwoAtATime() throws Exception {
    Path restarts = Files.createDirectories(work.resolve("shared")).resolve("restarts.log");
    try (Fleet fleet = Fleet.withRepository(work, files(restarts))) {
      fleet.startReconciler("1h");
      String head = fleet.headCommit();
      await()
          .atMost(Fleet.PATIENCE)
          .ignoreExceptions()
          .until(() -> fleet.view().currentCommit().equals(head));
      for (String node : WEB) {
        fleet.startAgent(node, "tier=web");
      }
      fleet.awaitConverged(head, WEB);

      assertThat(WEB.stream().filter(n -> Files.exists(fleet.root(n).resolve("made-token"))))
          .hasSize(1);
      for (String node : WEB) {
        assertThat(Files.readString(fleet.root(node).resolve("etc/cluster/join")))
            .as(node)
            .isEqualTo("s3cr3t-join-token");
      }
      List<String> lines = Files.readAllLines(restarts);
      assertThat(lines.stream().filter(l -> l.startsWith("start"))).hasSizeGreaterThanOrEqualTo(4);
      assertThat(mostInsideAtOnce(lines)).isBetween(1, 2);
      List<LockHolding> permits =
          CoordinationServiceGrpc.newBlockingStub(fleet.channel())
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .listLocks(ListLocksRequest.getDefaultInstance())
              .getHoldingsList()
              .stream()
              .filter(h -> h.getKind() == LockHolding.Kind.PERMIT)
              .toList();
      assertThat(permits).isEmpty();
    }
  }

  /** Sweeps "start NANOS" / "end NANOS" lines in time order: the most restarts in progress. */
  private static int mostInsideAtOnce(List<String> lines) {
    List<long[]> events = new ArrayList<>();
    for (String line : lines) {
      String[] parts = line.trim().split(" ");
      events.add(new long[] {Long.parseLong(parts[1]), parts[0].equals("start") ? 1 : -1});
    }
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int inside = 0;
    int most = 0;
    for (long[] e : events) {
      inside += (int) e[1];
      most = Math.max(most, inside);
    }
    return most;
  }

  private static Map<String, String> files(Path restarts) throws IOException {
    String log = restarts.toAbsolutePath().toString();
    return Map.of(
        "groups.yaml",
        """
        apiVersion: v1alpha
        kind: NodeGroup
        metadata: {name: web}
        spec: {selector: "tier=web"}
        """,
        "cluster.yaml",
        """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: cluster, namespace: prod}
        spec:
          targets: {nodeGroups: [web]}
          steps:
            - name: join token
              action: cmd.run
              parameters:
                cmd: touch "$EDEN_ROOT/made-token" && printf s3cr3t-join-token
              runOptions:
                target: {limit: 1}
              export: {name: join-token, visibleTo: "tier=web"}
            - name: cluster dir
              action: directory
              parameters: {path: /etc/cluster}
            - name: joined
              action: file.managed
              requires: [join token, cluster dir]
              parameters:
                path: /etc/cluster/join
                content: "{{export 'join-token'}}"
            - name: restart
              action: cmd.run
              requires: [joined]
              parameters:
                cmd: echo "start $(date +%s%N)" >> LOG && sleep 1 && echo "end $(date +%s%N)" >> LOG
              runOptions:
                serialize: {count: 2}
        """
            .replace("LOG", "'" + log + "'"));
  }
}
