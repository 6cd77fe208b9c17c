package dev.eden.reconciler.coord;

import dev.eden.common.sqlite.SqliteDatabase;
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

  private final SqliteDatabase db;
  private final Connection conn;
  private final Clock clock;

  CoordDatabase(SqliteDatabase db, Clock clock) {
    this.db = db;
    this.conn = db.connection();
    this.clock = clock;
  }

  /** One unit of work inside a transaction, given the current time. */
  interface Work<T> {
    T run(Instant now) throws SQLException;
  }

  <T> T inTransaction(Work<T> work) {
    try {
      return db.transaction(c -> work.run(clock.instant()));
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
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new CoordinationStoreException("cannot close coordination store", e);
    }
  }
}
