package dev.eden.cli.demo;

import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.NodeStatus;
import dev.eden.proto.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The demo's live table: one aligned row per node. */
final class FleetTable {
  private static final String[] HEADER = {
    "NODE", "STATE", "REVISION", "PLAN", "CHANGED", "UNCHANGED", "FAILED", "LAST RUN"
  };

  private FleetTable() {}

  /** The table's lines for {@code names} (in that order), ages relative to {@code now}. */
  static List<String> render(FleetView view, List<String> names, Instant now) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (String name : names) {
      rows.add(view.node(name).map(n -> row(n, now)).orElse(waiting(name)));
    }
    return align(rows);
  }

  private static String[] row(NodeStatus n, Instant now) {
    if (!n.hasLastRun()) {
      return new String[] {
        n.getName(), "Pending", "-", shortHash(n.getPlanHash()), "-", "-", "-", "-"
      };
    }
    RunSummary r = n.getLastRun();
    String state = FleetView.converged(n) ? "Converged" : r.getFailed() > 0 ? "Failed" : "Applying";
    Instant finished = ProtoTime.toInstant(r.getFinished());
    return new String[] {
      n.getName(),
      state,
      shortRevision(r.getRevision()),
      shortHash(r.getPlanHash()),
      Integer.toString(r.getChanged()),
      Integer.toString(r.getUnchanged()),
      Integer.toString(r.getFailed()),
      "#" + r.getRunNumber() + ", " + age(Duration.between(finished, now)) + " ago"
    };
  }

  private static String[] waiting(String name) {
    return new String[] {name, "Starting", "-", "-", "-", "-", "-", "-"};
  }

  static String shortRevision(String revision) {
    int at = revision.indexOf("@sha1:");
    return at < 0 || revision.length() < at + 6 + 7 ? revision : revision.substring(0, at + 6 + 7);
  }

  static String shortHash(String hash) {
    return hash.isEmpty() ? "-" : hash.substring(0, Math.min(10, hash.length()));
  }

  private static String age(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s / 3600 + "h";
  }

  private static List<String> align(List<String[]> rows) {
    int[] width = new int[HEADER.length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < r.length; i++) {
        line.append(i + 1 < r.length ? String.format("%-" + (width[i] + 3) + "s", r[i]) : r[i]);
      }
      out.add(line.toString());
    }
    return out;
  }
}
