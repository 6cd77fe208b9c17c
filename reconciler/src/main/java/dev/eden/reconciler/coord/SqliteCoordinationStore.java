package dev.eden.reconciler.coord;

import dev.eden.common.sqlite.SqliteDatabase;
import dev.eden.common.sqlite.Synchronous;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The embedded {@link CoordinationStore}: one SQLite file (WAL) in the reconciler's data directory,
 * one connection, one transaction per call. Expired leases are swept at the start of every call, so
 * expiry needs no background thread and follows the injected {@link Clock}.
 */
public final class SqliteCoordinationStore implements CoordinationStore {

  private static final int SCHEMA_VERSION = 2;
  private static final String KEY = "taskbook = ? AND step_id = ? AND run = ?";

  private final CoordDatabase db;
  private final MemberRows members;

  private SqliteCoordinationStore(CoordDatabase db) {
    this.db = db;
    this.members = new MemberRows(db);
  }

  /** Opens (creating or migrating) {@code file}, typically {@code <data-dir>/coord.db}. */
  public static SqliteCoordinationStore open(Path file, Clock clock) {
    return open("jdbc:sqlite:" + file.toAbsolutePath(), clock);
  }

  /** Opens the database at a SQLite JDBC URL. */
  public static SqliteCoordinationStore open(String jdbcUrl, Clock clock) {
    try {
      SqliteDatabase sqlite =
          SqliteDatabase.open(jdbcUrl, CoordSchema.migrations(SCHEMA_VERSION), Synchronous.NORMAL);
      return new SqliteCoordinationStore(new CoordDatabase(sqlite, clock));
    } catch (SQLException e) {
      throw new CoordinationStoreException("cannot open coordination store: " + e.getMessage(), e);
    }
  }

  @Override
  public Lease grant(String holder, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    return inTransaction(
        now -> {
          Lease lease = new Lease(UUID.randomUUID().toString(), holder, ttl, now.plus(ttl));
          db.update(
              "INSERT INTO coord_leases(id, holder, ttl_ms, expires_at) VALUES (?, ?, ?, ?)",
              lease.id(),
              holder,
              ttl.toMillis(),
              lease.expiresAt().toEpochMilli());
          return lease;
        });
  }

  @Override
  public Lease renew(String leaseId) {
    return inTransaction(
        now -> {
          Lease old = lease(leaseId);
          Lease renewed = new Lease(old.id(), old.holder(), old.ttl(), now.plus(old.ttl()));
          db.update(
              "UPDATE coord_leases SET expires_at = ? WHERE id = ?",
              renewed.expiresAt().toEpochMilli(),
              leaseId);
          return renewed;
        });
  }

  @Override
  public Optional<String> holderOf(String leaseId) {
    return inTransaction(
        now -> {
          try {
            return Optional.of(lease(leaseId).holder());
          } catch (LeaseNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public void revoke(String leaseId) {
    inTransaction(
        now -> {
          db.update("DELETE FROM coord_leases WHERE id = ?", leaseId);
          db.update("DELETE FROM coord_holdings WHERE lease_id = ?", leaseId);
          return null;
        });
  }

  @Override
  public Set<String> liveHolders() {
    return inTransaction(
        now -> new TreeSet<>(db.strings("SELECT DISTINCT holder FROM coord_leases")));
  }

  @Override
  public boolean acquire(StepKey key, String holder, int count, String leaseId) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    return inTransaction(
        now -> {
          lease(leaseId);
          List<String> holders = holders(Holding.Kind.PERMIT, key);
          if (holders.contains(holder)) {
            return true;
          }
          if (holders.size() >= count) {
            return false;
          }
          hold(Holding.Kind.PERMIT, key, holder, leaseId, now);
          return true;
        });
  }

  @Override
  public void release(StepKey key, String holder) {
    inTransaction(
        now -> {
          unhold(Holding.Kind.PERMIT, key, holder);
          return null;
        });
  }

  @Override
  public List<String> permitHolders(StepKey key) {
    return inTransaction(now -> holders(Holding.Kind.PERMIT, key));
  }

  @Override
  public void arrive(StepKey key, String holder, String leaseId) {
    inTransaction(
        now -> {
          lease(leaseId);
          if (!holders(Holding.Kind.BARRIER, key).contains(holder)) {
            hold(Holding.Kind.BARRIER, key, holder, leaseId, now);
          }
          return null;
        });
  }

  @Override
  public Set<String> arrived(StepKey key) {
    return inTransaction(now -> new TreeSet<>(holders(Holding.Kind.BARRIER, key)));
  }

  @Override
  public Claim claim(
      StepKey key, List<String> candidates, int limit, String holder, String leaseId) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return inTransaction(
        now -> {
          lease(leaseId);
          TreeSet<String> runners = new TreeSet<>(holders(Holding.Kind.CLAIM, key));
          runners.addAll(resultHolders(key));
          if (runners.contains(holder)) {
            return new Claim(true, List.copyOf(runners));
          }
          List<String> declined = holders(Holding.Kind.DECLINED, key);
          List<String> next =
              candidates.stream()
                  .filter(c -> !runners.contains(c) && !declined.contains(c))
                  .limit(Math.max(0, limit - runners.size()))
                  .toList();
          if (!next.contains(holder)) {
            return new Claim(false, List.copyOf(runners));
          }
          hold(Holding.Kind.CLAIM, key, holder, leaseId, now);
          runners.add(holder);
          return new Claim(true, List.copyOf(runners));
        });
  }

  @Override
  public void decline(StepKey key, String holder, String leaseId) {
    inTransaction(
        now -> {
          lease(leaseId);
          if (!holders(Holding.Kind.DECLINED, key).contains(holder)) {
            hold(Holding.Kind.DECLINED, key, holder, leaseId, now);
          }
          return null;
        });
  }

  @Override
  public void recordResult(StepKey key, String holder, byte[] result) {
    inTransaction(
        now -> {
          db.update(
              "INSERT OR REPLACE INTO coord_results(taskbook, step_id, run, holder, value,"
                  + " recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
              key.taskbook(),
              key.stepId(),
              key.run(),
              holder,
              result,
              now.toEpochMilli());
          return null;
        });
  }

  @Override
  public Map<String, byte[]> results(StepKey key) {
    return inTransaction(
        now -> {
          Map<String, byte[]> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  db.prepare(
                      "SELECT holder, value FROM coord_results WHERE " + KEY + " ORDER BY holder",
                      key.taskbook(),
                      key.stepId(),
                      key.run());
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getBytes(2));
            }
          }
          return out;
        });
  }

  @Override
  public void publish(Export export) {
    inTransaction(
        now -> {
          db.update(
              "INSERT OR REPLACE INTO coord_exports(namespace, name, value, visible_to, publisher,"
                  + " published_at) VALUES (?, ?, ?, ?, ?, ?)",
              export.namespace(),
              export.name(),
              export.value(),
              export.visibleTo(),
              export.publisher(),
              export.publishedAt().toEpochMilli());
          return null;
        });
  }

  @Override
  public Optional<Export> read(String namespace, String name) {
    return inTransaction(
        now -> {
          try (PreparedStatement ps =
                  db.prepare(
                      "SELECT value, visible_to, publisher, published_at FROM coord_exports"
                          + " WHERE namespace = ? AND name = ?",
                      namespace,
                      name);
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(
                new Export(
                    namespace,
                    name,
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    Instant.ofEpochMilli(rs.getLong(4))));
          }
        });
  }

  @Override
  public void recordMembers(Memberships m) {
    db.inTransaction(
        now -> {
          members.record(m);
          return null;
        });
  }

  @Override
  public void pruneMembers(Set<String> revisions, Set<String> dispatches) {
    db.inTransaction(
        now -> {
          members.prune(revisions, dispatches);
          return null;
        });
  }

  @Override
  public Optional<StepMembership> membership(MemberKey key) {
    return db.inTransaction(now -> members.of(key));
  }

  @Override
  public List<Holding> list() {
    return inTransaction(
        now -> {
          List<Holding> out = new ArrayList<>();
          try (PreparedStatement ps =
                  db.prepare(
                      "SELECT h.kind, h.taskbook, h.step_id, h.run, h.holder, h.lease_id, h.since,"
                          + " l.expires_at FROM coord_holdings h JOIN coord_leases l ON l.id ="
                          + " h.lease_id ORDER BY h.taskbook, h.step_id, h.run, h.kind, h.holder");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new Holding(
                      Holding.Kind.valueOf(rs.getString(1)),
                      new StepKey(rs.getString(2), rs.getString(3), rs.getString(4)),
                      rs.getString(5),
                      rs.getString(6),
                      Instant.ofEpochMilli(rs.getLong(7)),
                      Instant.ofEpochMilli(rs.getLong(8))));
            }
          }
          return out;
        });
  }

  @Override
  public void close() {
    db.close();
  }

  private <T> T inTransaction(CoordDatabase.Work<T> work) {
    return db.inTransaction(
        now -> {
          sweepExpired(now);
          return work.run(now);
        });
  }

  private void sweepExpired(Instant now) throws SQLException {
    db.update("DELETE FROM coord_leases WHERE expires_at <= ?", now.toEpochMilli());
    db.update("DELETE FROM coord_holdings WHERE lease_id NOT IN (SELECT id FROM coord_leases)");
  }

  private Lease lease(String leaseId) throws SQLException {
    try (PreparedStatement ps =
            db.prepare(
                "SELECT holder, ttl_ms, expires_at FROM coord_leases WHERE id = ?", leaseId);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new LeaseNotFoundException(leaseId);
      }
      return new Lease(
          leaseId,
          rs.getString(1),
          Duration.ofMillis(rs.getLong(2)),
          Instant.ofEpochMilli(rs.getLong(3)));
    }
  }

  private List<String> holders(Holding.Kind kind, StepKey key) throws SQLException {
    return db.strings(
        "SELECT holder FROM coord_holdings WHERE kind = ? AND " + KEY + " ORDER BY holder",
        kind.name(),
        key.taskbook(),
        key.stepId(),
        key.run());
  }

  private List<String> resultHolders(StepKey key) throws SQLException {
    return db.strings(
        "SELECT holder FROM coord_results WHERE " + KEY + " ORDER BY holder",
        key.taskbook(),
        key.stepId(),
        key.run());
  }

  private void hold(Holding.Kind kind, StepKey key, String holder, String leaseId, Instant now)
      throws SQLException {
    db.update(
        "INSERT INTO coord_holdings(kind, taskbook, step_id, run, holder, lease_id, since)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        kind.name(),
        key.taskbook(),
        key.stepId(),
        key.run(),
        holder,
        leaseId,
        now.toEpochMilli());
  }

  private void unhold(Holding.Kind kind, StepKey key, String holder) throws SQLException {
    db.update(
        "DELETE FROM coord_holdings WHERE kind = ? AND " + KEY + " AND holder = ?",
        kind.name(),
        key.taskbook(),
        key.stepId(),
        key.run(),
        holder);
  }
}
