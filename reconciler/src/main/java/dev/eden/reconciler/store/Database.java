package dev.eden.reconciler.store;

import dev.eden.common.sqlite.SqliteDatabase;
import dev.eden.common.sqlite.Synchronous;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The reconciler's store database ({@code eden.db}), opened by {@link SqliteDatabase} with {@link
 * Synchronous#NORMAL}: one connection shared by every caller, a transaction at a time.
 */
final class Database implements AutoCloseable {

  /** Work that reads or writes rows of one statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private final SqliteDatabase db;

  private Database(SqliteDatabase db) {
    this.db = db;
  }

  /** Opens {@code file}; {@code migrations} are scripts of {@code ;}-separated statements. */
  static Database open(Path file, List<String> migrations) {
    try {
      return new Database(
          SqliteDatabase.open(
              file, dev.eden.common.sqlite.Migrations.scripts(migrations), Synchronous.NORMAL));
    } catch (SQLException e) {
      throw new StoreException("opening database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction; rolls back on any failure. */
  <T> T transaction(String what, SqliteDatabase.Work<T> work) {
    try {
      return db.transaction(work);
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

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StoreException("closing database: " + e.getMessage(), e);
    }
  }
}
