package dev.eden.cli;

import com.google.protobuf.Timestamp;
import dev.eden.common.WireText;
import dev.eden.proto.BeaconInfo;
import dev.eden.proto.BeaconNodeInfo;
import dev.eden.proto.CronJobInfo;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.ListBeaconsResponse;
import dev.eden.proto.ListCronJobsResponse;
import dev.eden.proto.ListDispatchesResponse;
import dev.eden.proto.ListTriggersResponse;
import dev.eden.proto.TriggerInfo;
import dev.eden.reconciler.dispatch.Origins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The tables of {@code eden get cronjobs|triggers|beacons|dispatches}: what runs on its own. */
final class RuntimeTables {

  private final Clock clock;
  private final GetTables common;

  RuntimeTables(Clock clock) {
    this.clock = clock;
    this.common = new GetTables(clock);
  }

  String cronJobs(ListCronJobsResponse r) {
    Table t =
        new Table(
            "NAME", "SCHEDULE", "TASKBOOKS", "NEXT", "LAST-FIRED", "LAST-DISPATCH", "LAST-EVENT");
    for (CronJobInfo c : r.getCronjobsList()) {
      t.row(
          c.getName(),
          c.getSchedule() + " " + c.getTimeZone(),
          String.join(",", c.getTaskbooksList().stream().map(RuntimeTables::bare).toList()),
          c.getSuspend() ? "<suspended>" : c.hasNextFire() ? in(c.getNextFire()) : "<none>",
          c.hasLastFired() ? common.age(c.getLastFired()) + " ago" : "<never>",
          c.hasLastDispatch()
              ? bare(c.getLastDispatch().getTaskbook()) + ": " + states(c.getLastDispatch())
              : "<none>",
          c.hasLastEvent()
              ? c.getLastEvent().getReason()
                  + " ("
                  + common.age(c.getLastEvent().getLastTime())
                  + ")"
              : "<none>");
    }
    return t.render();
  }

  String triggers(ListTriggersResponse r) {
    Table t = new Table("NAME", "MATCH", "RUNS", "ON", "LAST-REACTION", "WAITING-FOR");
    for (TriggerInfo i : r.getTriggersList()) {
      t.row(
          i.getName(),
          i.getMatch(),
          i.getTaskbook(),
          i.getRunOn(),
          i.hasLastReaction() ? common.age(i.getLastReaction()) + " ago" : "<never>",
          i.getWaitingFor());
    }
    return t.render();
  }

  String beacons(ListBeaconsResponse r) {
    Table t = new Table("NAME", "INTERVAL", "EMITS", "NODE", "RESULT", "LAST-EVENT", "MESSAGE");
    for (BeaconInfo b : r.getBeaconsList()) {
      String interval = interval(b.getIntervalMs());
      String emits = b.getEmitReason() + " on " + WireText.of(b.getEmitOn());
      for (BeaconNodeInfo n : b.getNodesList()) {
        t.row(
            b.getName(),
            interval,
            emits,
            n.getNode(),
            n.getResult().isEmpty() ? "<no event>" : n.getResult(),
            n.hasLastEvent() ? common.age(n.getLastEvent()) + " ago" : "",
            GetTables.firstLine(n.getMessage()));
      }
    }
    return t.render();
  }

  String dispatches(ListDispatchesResponse r) {
    Table t = new Table("DISPATCH", "TASKBOOK", "ORIGIN", "NODE", "STATE", "AGE", "MESSAGE");
    for (DispatchStatus d : r.getDispatchesList()) {
      String id = d.getId().substring(0, Math.min(8, d.getId().length()));
      String age = d.hasCreated() ? common.age(d.getCreated()) : "";
      for (DispatchNode n : d.getNodesList()) {
        t.row(
            id,
            d.getTaskbook(),
            Origins.text(d.getOrigin()),
            n.getNode(),
            WireText.of(n.getState()),
            age,
            GetTables.firstLine(n.getMessage()));
      }
    }
    return t.render();
  }

  /** {@code 2 Succeeded, 1 Failed}: how many nodes of a dispatch are in each state. */
  static String states(DispatchStatus d) {
    Map<String, Long> counts =
        d.getNodesList().stream()
            .collect(
                Collectors.groupingBy(
                    n -> WireText.of(n.getState()), TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  /** {@code cleanup} from {@code ops/cleanup}: a CronJob's TaskBooks are of its namespace. */
  private static String bare(String namespaced) {
    return namespaced.substring(namespaced.indexOf('/') + 1);
  }

  /** {@code in 5m}, or {@code due} for a time that has come. */
  private String in(Timestamp t) {
    long seconds =
        Duration.between(clock.instant(), Instant.ofEpochSecond(t.getSeconds(), t.getNanos()))
            .getSeconds();
    return seconds <= 0 ? "due" : "in " + GetTables.human(seconds);
  }

  static String interval(long ms) {
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
