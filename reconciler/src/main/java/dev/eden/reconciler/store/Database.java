package dev.eden.reconciler.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One SQLite connection (WAL) shared by every caller under a lock, with numbered migrations tracked
 * in {@code PRAGMA user_version}.
 */
final class Database implements AutoCloseable {

  /** Work done inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work that reads or writes rows of one statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private final Connection connection;

  private Database(Connection connection) {
    this.connection = connection;
  }

  static Database open(Path file, List<String> migrations) {
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=5000");
      }
      Database db = new Database(connection);
      db.migrate(migrations);
      return db;
    } catch (SQLException e) {
      throw new StoreException("opening database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction; rolls back on any failure. */
  synchronized <T> T transaction(String what, Work<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(what + ": " + e.getMessage(), e);
    }
  }

  /** Runs one statement with the given parameters and returns the updated row count. */
  static int update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      return s.executeUpdate();
    }
  }

  /** Runs one query and maps every row. */
  static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      binder.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        List<T> rows = new java.util.ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private void migrate(List<String> migrations) throws SQLException {
    int version;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    for (int i = version; i < migrations.size(); i++) {
      int next = i + 1;
      String sql = migrations.get(i);
      transaction(
          "migrating to version " + next,
          c -> {
            try (Statement s = c.createStatement()) {
              for (String part : sql.split(";")) {
                if (!part.isBlank()) {
                  s.execute(part);
                }
              }
              s.execute("PRAGMA user_version=" + next);
            }
            return null;
          });
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("closing database: " + e.getMessage(), e);
    }
  }
}
