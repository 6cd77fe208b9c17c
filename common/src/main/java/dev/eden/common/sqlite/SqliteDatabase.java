package dev.eden.common.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The one way eden opens SQLite, on both sides: WAL, the store's {@link Synchronous} level, foreign
 * keys enforced, a busy timeout, and the store's {@link Migrations} applied once each, every step
 * in its own transaction, tracked in {@code PRAGMA user_version}. A database newer than the code is
 * refused rather than written to. One connection, used by one caller at a time.
 */
public final class SqliteDatabase implements AutoCloseable {

  /** How long a statement waits for another connection's lock before it fails. */
  public static final int BUSY_TIMEOUT_MS = 5000;

  /** Work done with the connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Connection connection;
  private int migratedFrom;

  private SqliteDatabase(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating it and its folder when needed, migrating) the database file. */
  public static SqliteDatabase open(Path file, Migrations migrations, Synchronous synchronous)
      throws SQLException {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new SQLException("cannot create folder " + parent + ": " + e.getMessage(), e);
    }
    return open("jdbc:sqlite:" + file.toAbsolutePath(), migrations, synchronous);
  }

  /** Opens (creating when needed, migrating) the database at a SQLite JDBC URL. */
  public static SqliteDatabase open(String jdbcUrl, Migrations migrations, Synchronous synchronous)
      throws SQLException {
    // the driver itself, not DriverManager: no ServiceLoader scan of every jar for drivers
    Connection connection = org.sqlite.JDBC.createConnection(jdbcUrl, new Properties());
    try {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=" + synchronous.name());
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
      }
      SqliteDatabase db = new SqliteDatabase(connection);
      db.migrate(migrations);
      return db;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The connection; callers that run more than one statement use {@link #transaction}. */
  public Connection connection() {
    return connection;
  }

  /** The schema version the database was at before this open migrated it. */
  public int migratedFrom() {
    return migratedFrom;
  }

  /** The schema version the database is at. */
  public synchronized int version() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public synchronized <T> T transaction(Work<T> work) throws SQLException {
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
  }

  private void migrate(Migrations migrations) throws SQLException {
    int version = version();
    migratedFrom = version;
    if (version > migrations.latest()) {
      throw new SQLException(
          "the database is at schema version "
              + version
              + ", newer than this release knows ("
              + migrations.latest()
              + "); run the release that wrote it");
    }
    for (int v = version; v < migrations.latest(); v++) {
      int next = v + 1;
      transaction(
          c -> {
            try (Statement s = c.createStatement()) {
              for (String sql : migrations.steps().get(next - 1)) {
                s.execute(sql);
              }
              s.execute("PRAGMA user_version=" + next);
            }
            return null;
          });
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    connection.close();
  }
}
