package dev.eden.reconciler.cron;

import dev.eden.common.sqlite.Migrations;
import dev.eden.common.sqlite.SqliteDatabase;
import dev.eden.common.sqlite.Synchronous;
import dev.eden.reconciler.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CronStateStore} in its own SQLite file, {@code <data-dir>/cron.db}: one row per CronJob,
 * so the scheduler's writes never wait on the main store.
 */
public final class SqliteCronStateStore implements CronStateStore {

  /** Statements that bring {@code user_version} {@code index} to {@code index + 1}. */
  private static final Migrations MIGRATIONS =
      Migrations.of(
          List.of(
              List.of(
                  """
                  CREATE TABLE cron_state (
                    job TEXT PRIMARY KEY,
                    fingerprint TEXT NOT NULL,
                    last_scheduled_ms INTEGER NOT NULL,
                    last_fired_ms INTEGER,
                    last_dispatch TEXT NOT NULL DEFAULT '')""")));

  private final SqliteDatabase db;
  private final Connection connection;

  private SqliteCronStateStore(SqliteDatabase db) {
    this.db = db;
    this.connection = db.connection();
  }

  /**
   * Opens (creating when needed) {@code file}, with {@link Synchronous#FULL}: a fire lost on a
   * power loss would fire the CronJob again.
   */
  public static SqliteCronStateStore open(Path file) {
    try {
      return new SqliteCronStateStore(SqliteDatabase.open(file, MIGRATIONS, Synchronous.FULL));
    } catch (SQLException e) {
      throw new StoreException("opening cron state " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Map<String, CronState> load() {
    Map<String, CronState> states = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT job, fingerprint, last_scheduled_ms, last_fired_ms, last_dispatch"
                    + " FROM cron_state ORDER BY job")) {
      while (rs.next()) {
        long fired = rs.getLong(4);
        Optional<Instant> lastFired =
            rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(fired));
        CronState state =
            new CronState(
                rs.getString(1),
                rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                lastFired,
                rs.getString(5));
        states.put(state.job(), state);
      }
      return states;
    } catch (SQLException e) {
      throw new StoreException("reading cron state: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void save(Collection<CronState> states, Collection<String> removed) {
    inTransaction(
        "saving cron state",
        () -> {
          try (PreparedStatement put =
                  connection.prepareStatement(
                      "INSERT OR REPLACE INTO cron_state (job, fingerprint, last_scheduled_ms,"
                          + " last_fired_ms, last_dispatch) VALUES (?, ?, ?, ?, ?)");
              PreparedStatement delete =
                  connection.prepareStatement("DELETE FROM cron_state WHERE job = ?")) {
            for (CronState state : states) {
              put.setString(1, state.job());
              put.setString(2, state.fingerprint());
              put.setLong(3, state.lastScheduled().toEpochMilli());
              if (state.lastFired().isPresent()) {
                put.setLong(4, state.lastFired().get().toEpochMilli());
              } else {
                put.setNull(4, java.sql.Types.INTEGER);
              }
              put.setString(5, state.lastDispatch());
              put.executeUpdate();
            }
            for (String job : removed) {
              delete.setString(1, job);
              delete.executeUpdate();
            }
          }
        });
  }

  @Override
  public synchronized void recordFire(String job, Instant at, String dispatchId) {
    inTransaction(
        "recording a fire of " + job,
        () -> {
          try (PreparedStatement s =
              connection.prepareStatement(
                  "UPDATE cron_state SET last_fired_ms = ?, last_dispatch = ? WHERE job = ?")) {
            s.setLong(1, at.toEpochMilli());
            s.setString(2, dispatchId);
            s.setString(3, job);
            s.executeUpdate();
          }
        });
  }

  private interface Work {
    void run() throws SQLException;
  }

  private void inTransaction(String what, Work work) {
    try {
      db.transaction(
          c -> {
            work.run();
            return null;
          });
    } catch (SQLException e) {
      throw new StoreException(what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StoreException("closing cron state: " + e.getMessage(), e);
    }
  }
}
