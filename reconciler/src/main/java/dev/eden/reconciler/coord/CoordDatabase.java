package dev.eden.reconciler.coord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The coordination store's one SQLite connection: a transaction per call, on the store's clock. */
final class CoordDatabase implements AutoCloseable {

  private final Connection conn;
  private final Clock clock;

  CoordDatabase(Connection conn, Clock clock) {
    this.conn = conn;
    this.clock = clock;
  }

  /** One unit of work inside a transaction, given the current time. */
  interface Work<T> {
    T run(Instant now) throws SQLException;
  }

  synchronized <T> T inTransaction(Work<T> work) {
    Instant now = clock.instant();
    try {
      conn.setAutoCommit(false);
      try {
        T result = work.run(now);
        conn.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      } finally {
        conn.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new CoordinationStoreException("coordination store failed: " + e.getMessage(), e);
    }
  }

  List<String> strings(String sql, Object... args) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = prepare(sql, args);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  void update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql, args)) {
      ps.executeUpdate();
    }
  }

  PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = conn.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw new CoordinationStoreException("cannot close coordination store", e);
    }
  }
}
