package dev.eden.agent.state;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.eden.proto.NodePlan;
import dev.eden.proto.ReportEventsRequest;
import dev.eden.proto.RunReport;
import dev.eden.proto.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's memory in {@code <data-dir>/agent.db} (SQLite, WAL): the cached plan, each step's
 * last result, each beacon's last result, the run history and counter, and the outbox of reports
 * and events kept until the reconciler acknowledges them. Every change is one transaction, so
 * {@code kill -9} at any point leaves either the old state or the new one.
 */
public final class LocalState implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalState.class);
  private final Path dataDir;
  private final Connection db;

  private LocalState(Path dataDir, Connection db) {
    this.dataDir = dataDir;
    this.db = db;
  }

  /** Opens (creating and migrating as needed) the database in {@code dataDir}. */
  public static LocalState open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      // the driver itself, not DriverManager: no ServiceLoader scan of every jar for drivers
      Connection c =
          org.sqlite.JDBC.createConnection(
              "jdbc:sqlite:" + dataDir.resolve("agent.db"), new Properties());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
      }
      LocalState state = new LocalState(dataDir, c);
      state.migrate();
      return state;
    } catch (IOException | SQLException e) {
      throw new StateException("cannot open agent state in " + dataDir, e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  private void migrate() throws SQLException {
    int version;
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    for (int v = version; v < Migrations.VERSIONS.size(); v++) {
      int next = v + 1;
      transaction(
          () -> {
            try (Statement s = db.createStatement()) {
              for (String sql : Migrations.VERSIONS.get(next - 1)) {
                s.execute(sql);
              }
              s.execute("PRAGMA user_version = " + next);
            }
            return null;
          });
      log.info("event=state-migrated dir={} version={}", dataDir, next);
    }
  }

  /** The last plan this agent received, if any. */
  public synchronized Optional<NodePlan> cachedPlan() {
    return query(
        "SELECT bytes FROM plan WHERE id = 1",
        List.of(),
        rs -> rs.next() ? Optional.of(parsePlan(rs.getBytes(1))) : Optional.empty());
  }

  public synchronized void savePlan(NodePlan plan) {
    update(
        "INSERT INTO plan (id, hash, revision, bytes) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO"
            + " UPDATE SET hash = excluded.hash, revision = excluded.revision,"
            + " bytes = excluded.bytes",
        List.of(plan.getHash(), plan.getRevision(), plan.toByteArray()));
  }

  /** Takes the next run number (kept even when the run never finishes). */
  public synchronized long nextRunNumber() {
    return transaction(
        () -> {
          long n =
              query(
                  "SELECT value FROM meta WHERE key = 'run_counter'",
                  List.of(),
                  rs -> rs.next() ? Long.parseLong(rs.getString(1)) : 0L);
          n++;
          update(
              "INSERT INTO meta (key, value) VALUES ('run_counter', ?) ON CONFLICT(key) DO"
                  + " UPDATE SET value = excluded.value",
              List.of(Long.toString(n)));
          return n;
        });
  }

  /**
   * Records a finished run in one transaction: its history line, each step's last result (not for
   * dry runs), and, when {@code outbox}, the report and its events for the reconciler. A dispatched
   * run ({@code dispatch_id} set) marks its dispatch finished instead of keeping step results (its
   * step ids are its own), unless it was a dry run.
   */
  public synchronized void recordRun(
      RunReport report,
      Map<String, String> fingerprints,
      Optional<ReportEventsRequest> events,
      boolean outbox) {
    transaction(
        () -> {
          insertRun(report);
          if (!report.getDryRun() && !report.getDispatchId().isEmpty()) {
            update(
                "INSERT OR IGNORE INTO dispatch_done (id, run_number, finished_ms) VALUES (?, ?, ?)",
                List.of(
                    report.getDispatchId(), report.getRunNumber(), millis(report.getFinished())));
          } else if (!report.getDryRun()) {
            upsertSteps(report, fingerprints);
          }
          if (outbox) {
            insertOutbox("run", report.toByteArray());
            if (events.isPresent() && events.get().getEventsCount() > 0) {
              insertOutbox("events", events.get().toByteArray());
            }
          }
          return null;
        });
  }

  private void insertRun(RunReport r) throws SQLException {
    int changed = 0;
    int failed = 0;
    for (StepResult s : r.getStepsList()) {
      changed += s.getStatus() == StepResult.Status.CHANGED ? 1 : 0;
      failed += s.getStatus() == StepResult.Status.FAILED ? 1 : 0;
    }
    update(
        "INSERT INTO run (run_number, run_id, plan_hash, revision, started_ms, finished_ms,"
            + " changed, failed, dry_run, trigger) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        List.of(
            r.getRunNumber(),
            r.getRunId(),
            r.getPlanHash(),
            r.getRevision(),
            millis(r.getStarted()),
            millis(r.getFinished()),
            changed,
            failed,
            r.getDryRun() ? 1 : 0,
            r.getTrigger()));
  }

  private void upsertSteps(RunReport r, Map<String, String> fingerprints) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO step_result (step_id, run_number, status, message, fingerprint,"
                + " finished_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(step_id) DO UPDATE SET"
                + " run_number = excluded.run_number, status = excluded.status,"
                + " message = excluded.message, fingerprint = excluded.fingerprint,"
                + " finished_ms = excluded.finished_ms")) {
      long finished = millis(r.getFinished());
      for (StepResult s : r.getStepsList()) {
        ps.setString(1, s.getStepId());
        ps.setLong(2, r.getRunNumber());
        ps.setString(3, s.getStatus().name());
        ps.setString(4, s.getMessage());
        ps.setString(5, fingerprints.getOrDefault(s.getStepId(), ""));
        ps.setLong(6, finished);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private void insertOutbox(String kind, byte[] bytes) throws SQLException {
    update("INSERT INTO outbox (kind, bytes) VALUES (?, ?)", List.of(kind, bytes));
  }

  /** The last result of a beacon, if it ever ran here. */
  public synchronized Optional<BeaconRecord> lastBeacon(String name) {
    return query(
        "SELECT passed, message, checked_ms FROM beacon_result WHERE name = ?",
        List.of(name),
        rs ->
            rs.next()
                ? Optional.of(
                    new BeaconRecord(
                        name,
                        rs.getInt(1) != 0,
                        rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3))))
                : Optional.empty());
  }

  /**
   * Records a beacon's result and, when it fired, its events for the reconciler, in one
   * transaction: a crash leaves both or neither, so a restart neither repeats nor loses the event.
   */
  public synchronized void recordBeacon(BeaconRecord r, Optional<ReportEventsRequest> events) {
    transaction(
        () -> {
          update(
              "INSERT INTO beacon_result (name, passed, message, checked_ms) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT(name) DO UPDATE SET passed = excluded.passed,"
                  + " message = excluded.message, checked_ms = excluded.checked_ms",
              List.of(r.name(), r.passed() ? 1 : 0, r.message(), r.checked().toEpochMilli()));
          if (events.isPresent() && events.get().getEventsCount() > 0) {
            insertOutbox("events", events.get().toByteArray());
          }
          return null;
        });
  }

  /** Forgets the results of beacons that are no longer in the plan. */
  public synchronized void forgetBeaconsExcept(Set<String> names) {
    List<String> known =
        query(
            "SELECT name FROM beacon_result",
            List.of(),
            rs -> {
              List<String> out = new ArrayList<>();
              while (rs.next()) {
                out.add(rs.getString(1));
              }
              return out;
            });
    for (String name : known) {
      if (!names.contains(name)) {
        update("DELETE FROM beacon_result WHERE name = ?", List.of(name));
      }
    }
  }

  /** True when this node ran dispatch {@code id} (for real) and recorded it. */
  public synchronized boolean dispatchFinished(String id) {
    return query("SELECT 1 FROM dispatch_done WHERE id = ?", List.of(id), ResultSet::next);
  }

  /** The fingerprint of the step's last successful (changed or unchanged) result. */
  public synchronized Optional<String> lastSuccessFingerprint(String stepId) {
    return query(
        "SELECT fingerprint FROM step_result WHERE step_id = ? AND status IN"
            + " ('CHANGED', 'UNCHANGED')",
        List.of(stepId),
        rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
  }

  /** The last result of one step: its status name and message. */
  public synchronized Optional<String> lastStatus(String stepId) {
    return query(
        "SELECT status FROM step_result WHERE step_id = ?",
        List.of(stepId),
        rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty());
  }

  /** The oldest unacknowledged entries first. */
  public synchronized List<OutboxEntry> outbox(int limit) {
    return query(
        "SELECT seq, kind, bytes FROM outbox ORDER BY seq LIMIT ?",
        List.of(limit),
        rs -> {
          List<OutboxEntry> out = new ArrayList<>();
          while (rs.next()) {
            out.add(entry(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
          }
          return out;
        });
  }

  public synchronized int outboxSize() {
    return query("SELECT count(*) FROM outbox", List.of(), rs -> rs.next() ? rs.getInt(1) : 0);
  }

  /** The reconciler has stored this entry: forget it. */
  public synchronized void ack(long seq) {
    update("DELETE FROM outbox WHERE seq = ?", List.of(seq));
  }

  /** The newest runs first. */
  public synchronized List<RunSummary> runs(int limit) {
    return query(
        "SELECT run_number, run_id, plan_hash, revision, started_ms, finished_ms, changed, failed,"
            + " dry_run, trigger FROM run ORDER BY run_number DESC LIMIT ?",
        List.of(limit),
        rs -> {
          List<RunSummary> out = new ArrayList<>();
          while (rs.next()) {
            out.add(
                new RunSummary(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    Instant.ofEpochMilli(rs.getLong(5)),
                    Instant.ofEpochMilli(rs.getLong(6)),
                    rs.getInt(7),
                    rs.getInt(8),
                    rs.getInt(9) != 0,
                    rs.getString(10)));
          }
          return out;
        });
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StateException("cannot close agent state", e);
    }
  }

  private static OutboxEntry entry(long seq, String kind, byte[] bytes) throws SQLException {
    try {
      return kind.equals("run")
          ? new OutboxEntry.Run(seq, RunReport.parseFrom(bytes))
          : new OutboxEntry.Events(seq, ReportEventsRequest.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("outbox entry " + seq + " is not a valid " + kind, e);
    }
  }

  private static NodePlan parsePlan(byte[] bytes) throws SQLException {
    try {
      return NodePlan.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("cached plan is not a valid NodePlan", e);
    }
  }

  private static long millis(com.google.protobuf.Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }

  // --- JDBC plumbing -------------------------------------------------------------------------

  @FunctionalInterface
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  @FunctionalInterface
  private interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T transaction(SqlWork<T> work) {
    try {
      db.setAutoCommit(false);
      try {
        T result = work.run();
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StateException("agent state transaction failed: " + e.getMessage(), e);
    }
  }

  private <T> T query(String sql, List<Object> args, Rows<T> rows) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rows.read(rs);
      }
    } catch (SQLException e) {
      throw new StateException("agent state query failed: " + e.getMessage(), e);
    }
  }

  private void update(String sql, List<Object> args) {
    try (PreparedStatement ps = db.prepareStatement(sql)) {
      bind(ps, args);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StateException("agent state update failed: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }
}
