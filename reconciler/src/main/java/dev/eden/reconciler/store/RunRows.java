package dev.eden.reconciler.store;

import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The runs and step_results tables. Called inside a transaction. */
final class RunRows {

  private RunRows() {}

  /** Inserts once by run id; returns false for a duplicate. */
  static boolean insert(Connection c, RunReport report) throws SQLException {
    int inserted =
        Database.update(
            c,
            "INSERT OR IGNORE INTO runs (run_id, ord, node, run_number, report) "
                + "VALUES (?, (SELECT COALESCE(MAX(ord), 0) + 1 FROM runs), ?, ?, ?)",
            s -> {
              s.setString(1, report.getRunId());
              s.setString(2, report.getNode());
              s.setLong(3, report.getRunNumber());
              s.setBytes(4, report.toByteArray());
            });
    if (inserted == 0) {
      return false;
    }
    List<StepResult> steps = report.getStepsList();
    for (int i = 0; i < steps.size(); i++) {
      StepResult step = steps.get(i);
      int idx = i;
      Database.update(
          c,
          "INSERT INTO step_results (run_id, idx, step_id, status, message) VALUES (?,?,?,?,?)",
          s -> {
            s.setString(1, report.getRunId());
            s.setInt(2, idx);
            s.setString(3, step.getStepId());
            s.setString(4, step.getStatus().name());
            s.setString(5, step.getMessage());
          });
    }
    // a dispatched run is not an attempt at the node's plan
    if (!report.getDryRun() && report.getDispatchId().isEmpty()) {
      updateNode(c, report);
    }
    return true;
  }

  private static void updateNode(Connection c, RunReport report) throws SQLException {
    boolean failed =
        report.getStepsList().stream().anyMatch(s -> s.getStatus() == StepResult.Status.FAILED);
    Database.update(
        c,
        "UPDATE nodes SET last_attempted = ?, last_applied = CASE WHEN ? THEN last_applied "
            + "ELSE ? END WHERE name = ?",
        s -> {
          s.setString(1, report.getRevision());
          s.setBoolean(2, failed);
          s.setString(3, report.getRevision());
          s.setString(4, report.getNode());
        });
  }

  static List<RunReport> list(Connection c, String node, int limit) throws SQLException {
    String where = node.isEmpty() ? "" : " WHERE node = ?";
    return Database.query(
        c,
        "SELECT report FROM runs" + where + " ORDER BY ord DESC LIMIT ?",
        s -> {
          int i = 1;
          if (!node.isEmpty()) {
            s.setString(i++, node);
          }
          s.setInt(i, limit <= 0 ? Integer.MAX_VALUE : limit);
        },
        r -> SqliteStore.parse(r, RunReport.parser()));
  }
}
