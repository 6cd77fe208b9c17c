package dev.eden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.Event;
import dev.eden.proto.WatchEventsRequest;
import io.grpc.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's story with real processes: a Beacon on each web agent checks a file; when it goes
 * missing twice, the Trigger runs a runbook TaskBook on the node that reported it, the file comes
 * back, and the event stream tells it in order.
 */
@Timeout(300)
class EventDrivenRepairIT {

  private static final List<String> WEB = List.of("web-1", "web-2");

  private static final String GROUPS =
      """
      kind: NodeGroup
      metadata: {name: web}
      spec: {selector: "tier=web"}
      """;

  private static final String RUNBOOK =
      """
      kind: Beacon
      metadata: {name: healthz-present, namespace: ops}
      spec:
        targets: {nodeGroups: [web]}
        interval: 1s
        check:
          action: cmd.run
          parameters: {cmd: 'test -f "$EDEN_ROOT/srv/www/healthz"'}
        emit: {reason: HealthzMissing, on: failure}
      ---
      kind: Trigger
      metadata: {name: restore-healthz, namespace: ops}
      spec:
        match: {reason: HealthzMissing}
        minOccurrences: 2
        window: 1m
        reReactDelay: 3s
        run: {taskBook: restore-healthz}
      ---
      kind: TaskBook
      metadata: {name: restore-healthz, namespace: ops}
      spec:
        mode: manual
        targets: {nodeGroups: [web]}
        steps:
          - name: www
            action: directory
            parameters: {path: /srv/www}
          - name: healthz
            requires: [www]
            action: file.managed
            parameters:
              path: /srv/www/healthz
              content: "ok {{node.name}} after {{event.reason}}\\n"
      """;

  @TempDir Path work;

  @Test
  void theBeaconSeesTheFileGoTheTriggerRunsTheRunbookAndTheEventsTellTheStory() throws Exception {
    try (Fleet fleet =
        Fleet.withRepository(work, Map.of("groups.yaml", GROUPS, "ops/healthz.yaml", RUNBOOK))) {
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
      // no node has the file at first: each one's beacon fails and the runbook makes it
      for (String node : WEB) {
        try {
          await("healthz on " + node)
              .atMost(Fleet.PATIENCE)
              .until(() -> Files.exists(healthz(fleet, node)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError(
              "no healthz on "
                  + node
                  + "; events: "
                  + reasons(fleet.events())
                  + "\nagent log:\n"
                  + Files.readString(fleet.agent(node).log()),
              e);
        }
      }
      // the first runs are over only when each node has reported its run: a report can come
      // after the file, and the story below must start after both
      await("each node's first run reported")
          .atMost(Fleet.PATIENCE)
          .until(
              () -> {
                List<Event> all = fleet.events();
                return WEB.stream().allMatch(n -> firstIndex(all, "DispatchSucceeded", n) >= 0);
              });
      FileTime web2Before = Files.getLastModifiedTime(healthz(fleet, "web-2"));
      long mark = fleet.events().stream().mapToLong(Event::getSeq).max().orElse(0);

      List<Event> story = Collections.synchronizedList(new ArrayList<>());
      ExecutorService watcher = Executors.newSingleThreadExecutor();
      Context.CancellableContext watch = Context.current().withCancellation();
      watcher.execute(
          () ->
              watch.run(
                  () -> {
                    try {
                      Iterator<Event> it =
                          ControlServiceGrpc.newBlockingStub(fleet.channel())
                              .watchEvents(
                                  WatchEventsRequest.newBuilder().setAfterSeq(mark).build());
                      it.forEachRemaining(story::add);
                    } catch (RuntimeException cancelled) {
                      // the test is over
                    }
                  }));
      try {
        Files.delete(healthz(fleet, "web-1"));
        await("web-1's healthz restored")
            .atMost(Fleet.PATIENCE)
            .until(() -> Files.exists(healthz(fleet, "web-1")));
        assertThat(Files.readString(healthz(fleet, "web-1")))
            .isEqualTo("ok web-1 after HealthzMissing\n");
        await("the dispatch's end in the event stream")
            .atMost(Fleet.PATIENCE)
            .until(() -> firstIndex(story, "DispatchSucceeded", "web-1") >= 0);
      } finally {
        watch.cancel(null);
        watcher.shutdownNow();
      }

      List<Event> seen = List.copyOf(story);
      int missing = firstIndex(seen, "HealthzMissing", "web-1");
      int reacted = firstIndex(seen, "TriggerReacted", "");
      int dispatched = firstIndex(seen, "Dispatched", "");
      int succeeded = firstIndex(seen, "DispatchSucceeded", "web-1");
      assertThat(missing)
          .as("HealthzMissing from web-1 in %s", reasons(seen))
          .isGreaterThanOrEqualTo(0);
      // the Trigger tells its reaction with the dispatch's id, so Dispatched comes first
      assertThat(List.of(missing, dispatched, reacted, succeeded))
          .as("the story in order: %s", reasons(seen))
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(seen.get(reacted).getMessage()).contains("restore-healthz").contains("web-1");
      // only the node that reported the problem ran the runbook
      assertThat(firstIndex(seen, "DispatchSucceeded", "web-2")).isNegative();
      assertThat(Files.getLastModifiedTime(healthz(fleet, "web-2"))).isEqualTo(web2Before);
    }
  }

  private static Path healthz(Fleet fleet, String node) {
    return fleet.root(node).resolve("srv/www/healthz");
  }

  /** The first event with {@code reason} (from {@code node}, unless it is empty). */
  private static int firstIndex(List<Event> events, String reason, String node) {
    synchronized (events) {
      for (int i = 0; i < events.size(); i++) {
        Event e = events.get(i);
        if (e.getReason().equals(reason) && (node.isEmpty() || e.getNode().equals(node))) {
          return i;
        }
      }
    }
    return -1;
  }

  private static List<String> reasons(List<Event> events) {
    return events.stream()
        .map(e -> e.getReason() + "/" + e.getNode() + "/" + e.getCount() + ": " + e.getMessage())
        .toList();
  }
}
