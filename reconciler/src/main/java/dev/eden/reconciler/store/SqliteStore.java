package dev.eden.reconciler.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.Event;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.Origin;
import dev.eden.proto.RevisionInfo;
import dev.eden.proto.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Store} in one SQLite file, {@code <data-dir>/eden.db}. */
public final class SqliteStore implements Store {

  private static final String CURRENT = "current_revision";
  private final Database db;
  private final ApprovalStore approvals;

  private SqliteStore(Database db) {
    this.db = db;
    this.approvals = new SqliteApprovalStore(db);
  }

  /** Opens (creating and migrating when needed) {@code <dataDir>/eden.db}. */
  public static SqliteStore open(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("creating data dir " + dataDir + ": " + e.getMessage(), e);
    }
    Database db = Database.open(dataDir.resolve("eden.db"), Migrations.ALL);
    try {
      db.transaction("filling new event columns", EventRows::backfill);
    } catch (StoreException e) {
      db.close();
      throw e;
    }
    return new SqliteStore(db);
  }

  @Override
  public void acceptRevision(RevisionInfo revision, Map<String, NodePlan> plans) {
    db.transaction(
        "accepting revision " + revision.getId(),
        c -> {
          insertRevision(c, revision);
          Database.update(
              c,
              "INSERT INTO settings (key, value) VALUES (?, ?) "
                  + "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
              s -> {
                s.setString(1, CURRENT);
                s.setString(2, revision.getId());
              });
          Database.update(c, "DELETE FROM node_plans", s -> {});
          writePlans(c, plans);
          return null;
        });
  }

  @Override
  public void rejectRevision(RevisionInfo revision) {
    db.transaction(
        "rejecting revision " + revision.getId(),
        c -> {
          insertRevision(c, revision);
          return null;
        });
  }

  private static void insertRevision(Connection c, RevisionInfo revision) throws SQLException {
    RevisionInfo stored = revision.toBuilder().clearCurrent().build();
    Database.update(
        c,
        "INSERT OR REPLACE INTO revisions (id, ord, accepted, info) "
            + "VALUES (?, (SELECT COALESCE(MAX(ord), 0) + 1 FROM revisions), ?, ?)",
        s -> {
          s.setString(1, stored.getId());
          s.setInt(2, stored.getAccepted() ? 1 : 0);
          s.setBytes(3, stored.toByteArray());
        });
  }

  private static void writePlans(Connection c, Map<String, NodePlan> plans) throws SQLException {
    for (Map.Entry<String, NodePlan> e : plans.entrySet()) {
      NodePlan plan = e.getValue();
      Database.update(
          c,
          "INSERT OR IGNORE INTO plans (hash, plan) VALUES (?, ?)",
          s -> {
            s.setString(1, plan.getHash());
            s.setBytes(2, plan.toByteArray());
          });
      Database.update(
          c,
          "INSERT OR REPLACE INTO node_plans (node, hash, revision) VALUES (?, ?, ?)",
          s -> {
            s.setString(1, e.getKey());
            s.setString(2, plan.getHash());
            s.setString(3, plan.getRevision());
          });
    }
  }

  @Override
  public Optional<RevisionInfo> currentRevision() {
    return db.transaction(
        "reading current revision",
        c ->
            Database.query(
                    c,
                    "SELECT r.info FROM revisions r JOIN settings s ON s.value = r.id "
                        + "WHERE s.key = ?",
                    s -> s.setString(1, CURRENT),
                    r -> parse(r, RevisionInfo.parser()).toBuilder().setCurrent(true).build())
                .stream()
                .findFirst());
  }

  @Override
  public Optional<RevisionInfo> revision(String id) {
    return db.transaction(
        "reading revision " + id,
        c ->
            Database.query(
                    c,
                    "SELECT info FROM revisions WHERE id = ?",
                    s -> s.setString(1, id),
                    r -> parse(r, RevisionInfo.parser()))
                .stream()
                .findFirst());
  }

  @Override
  public List<RevisionInfo> listRevisions(int limit) {
    String current = currentRevision().map(RevisionInfo::getId).orElse("");
    return db.transaction(
        "listing revisions",
        c ->
            Database.query(
                c,
                "SELECT info FROM revisions ORDER BY ord DESC LIMIT ?",
                s -> s.setInt(1, limit <= 0 ? Integer.MAX_VALUE : limit),
                r -> {
                  RevisionInfo info = parse(r, RevisionInfo.parser());
                  return info.toBuilder().setCurrent(info.getId().equals(current)).build();
                }));
  }

  @Override
  public void putPlans(Map<String, NodePlan> plans) {
    db.transaction(
        "storing plans",
        c -> {
          writePlans(c, plans);
          return null;
        });
  }

  @Override
  public Map<String, NodePlan> currentPlans() {
    return db.transaction(
        "reading plans",
        c -> {
          Map<String, NodePlan> plans = new LinkedHashMap<>();
          Database.query(
              c,
              "SELECT np.node, np.revision, p.plan FROM node_plans np "
                  + "JOIN plans p ON p.hash = np.hash ORDER BY np.node",
              s -> {},
              r -> {
                NodePlan plan = parse(r, 3, NodePlan.parser());
                return plans.put(
                    r.getString(1),
                    plan.toBuilder().setNode(r.getString(1)).setRevision(r.getString(2)).build());
              });
          return plans;
        });
  }

  @Override
  public void saveNode(NodeInfo info, Instant seen) {
    db.transaction(
        "saving node " + info.getName(),
        c ->
            Database.update(
                c,
                "INSERT INTO nodes (name, info, last_seen_ms) VALUES (?, ?, ?) "
                    + "ON CONFLICT(name) DO UPDATE SET info = excluded.info, "
                    + "last_seen_ms = excluded.last_seen_ms",
                s -> {
                  s.setString(1, info.getName());
                  s.setBytes(2, info.toByteArray());
                  s.setLong(3, seen.toEpochMilli());
                }));
  }

  @Override
  public void touchNode(String name, Instant seen) {
    db.transaction(
        "touching node " + name,
        c ->
            Database.update(
                c,
                "UPDATE nodes SET last_seen_ms = MAX(last_seen_ms, ?) WHERE name = ?",
                s -> {
                  s.setLong(1, seen.toEpochMilli());
                  s.setString(2, name);
                }));
  }

  @Override
  public Optional<StoredNode> node(String name) {
    return nodes("WHERE name = ?", s -> s.setString(1, name)).stream().findFirst();
  }

  @Override
  public List<StoredNode> listNodes() {
    return nodes("", s -> {});
  }

  private List<StoredNode> nodes(String where, Database.Binder binder) {
    return db.transaction("reading nodes", c -> nodeRows(c, where, binder));
  }

  private static List<StoredNode> nodeRows(Connection c, String where, Database.Binder binder)
      throws SQLException {
    return Database.query(
        c,
        "SELECT info, last_seen_ms, last_applied, last_attempted FROM nodes "
            + where
            + " ORDER BY name",
        binder,
        r ->
            new StoredNode(
                parse(r, NodeInfo.parser()),
                Instant.ofEpochMilli(r.getLong(2)),
                r.getString(3),
                r.getString(4)));
  }

  @Override
  public boolean saveRun(RunReport report) {
    return db.transaction("saving run " + report.getRunId(), c -> RunRows.insert(c, report));
  }

  @Override
  public List<RunReport> listRuns(String node, int limit) {
    return db.transaction("listing runs", c -> RunRows.list(c, node, limit));
  }

  @Override
  public Event recordEvent(Event event) {
    return db.transaction("recording event " + event.getReason(), c -> EventRows.record(c, event));
  }

  @Override
  public List<Event> listEvents(EventQuery query) {
    return db.transaction("listing events", c -> EventRows.list(c, query));
  }

  @Override
  public void saveDispatch(DispatchStatus status, Map<String, DispatchedRun> runs) {
    db.transaction(
        "saving dispatch " + status.getId(),
        c -> {
          DispatchRows.insert(c, status, runs);
          return null;
        });
  }

  @Override
  public PrunedEvents pruneEvents(Instant olderThan, int keepNewest) {
    return db.transaction("pruning events", c -> EventRows.prune(c, olderThan, keepNewest));
  }

  @Override
  public List<StoredNode> markLost(Instant seenBefore, Instant at) {
    return db.transaction(
        "marking nodes lost",
        c -> {
          List<StoredNode> lost =
              nodeRows(
                  c,
                  "WHERE last_seen_ms < ? AND lost_since_ms = 0",
                  s -> s.setLong(1, millis(seenBefore)));
          Database.update(
              c,
              "UPDATE nodes SET lost_since_ms = ? WHERE last_seen_ms < ? AND lost_since_ms = 0",
              s -> {
                s.setLong(1, millis(at));
                s.setLong(2, millis(seenBefore));
              });
          return lost;
        });
  }

  @Override
  public Optional<DispatchStatus> dispatch(String id) {
    return db.transaction("reading dispatch " + id, c -> DispatchRows.one(c, id));
  }

  @Override
  public List<DispatchStatus> listDispatches(Origin origin, boolean pendingOnly) {
    return db.transaction("listing dispatches", c -> DispatchRows.list(c, origin, pendingOnly));
  }

  @Override
  public Map<String, List<DispatchedRun>> pendingDispatchedRuns() {
    return db.transaction("reading pending dispatched runs", DispatchRows::pendingRuns);
  }

  @Override
  public boolean finishDispatch(String id, DispatchNode outcome) {
    return db.transaction(
        "finishing dispatch " + id + " on " + outcome.getNode(),
        c -> DispatchRows.finish(c, id, outcome));
  }

  @Override
  public ApprovalStore approvals() {
    return approvals;
  }

  @Override
  public void saveTriggerReaction(String trigger, String spec, Instant at) {
    db.transaction(
        "remembering the reaction of trigger " + trigger,
        c ->
            Database.update(
                c,
                "INSERT INTO trigger_reactions (trigger, spec, at_ms) VALUES (?, ?, ?) "
                    + "ON CONFLICT(trigger) DO UPDATE SET spec = excluded.spec, at_ms = excluded.at_ms",
                s -> {
                  s.setString(1, trigger);
                  s.setString(2, spec);
                  s.setLong(3, at.toEpochMilli());
                }));
  }

  @Override
  public Optional<Instant> lastTriggerReaction(String trigger, String spec) {
    return db.transaction(
        "reading the last reaction of trigger " + trigger,
        c ->
            Database.query(
                    c,
                    "SELECT at_ms FROM trigger_reactions WHERE trigger = ? AND spec = ?",
                    s -> {
                      s.setString(1, trigger);
                      s.setString(2, spec);
                    },
                    r -> Instant.ofEpochMilli(r.getLong(1)))
                .stream()
                .findFirst());
  }

  @Override
  public Optional<Instant> clearLost(String node) {
    return db.transaction(
        "clearing lost mark of " + node,
        c -> {
          Optional<Instant> since =
              Database.query(
                      c,
                      "SELECT lost_since_ms FROM nodes WHERE name = ? AND lost_since_ms <> 0",
                      s -> s.setString(1, node),
                      r -> Instant.ofEpochMilli(r.getLong(1)))
                  .stream()
                  .findFirst();
          if (since.isPresent()) {
            Database.update(
                c, "UPDATE nodes SET lost_since_ms = 0 WHERE name = ?", s -> s.setString(1, node));
          }
          return since;
        });
  }

  /** Epoch millis, at least 1: 0 means "not set" in the columns that hold times. */
  private static long millis(Instant t) {
    return Math.max(1, t.toEpochMilli());
  }

  @Override
  public void close() {
    db.close();
  }

  static <T extends Message> T parse(ResultSet row, Parser<T> parser) throws SQLException {
    return parse(row, 1, parser);
  }

  static <T extends Message> T parse(ResultSet row, int column, Parser<T> parser)
      throws SQLException {
    try {
      return parser.parseFrom(row.getBytes(column));
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("corrupt row: " + e.getMessage(), e);
    }
  }
}
