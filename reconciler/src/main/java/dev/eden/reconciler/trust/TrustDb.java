package dev.eden.reconciler.trust;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The trust database (SQLite, {@code <data-dir>/trust.db} by default): tokens (hashes only),
 * pending enrollments, issued certificates and revocations. One connection; callers hold its
 * monitor ({@link #lock()}) around each operation so that check-then-update is atomic.
 */
public final class TrustDb implements AutoCloseable {

  private static final String[] SCHEMA = {
    """
    CREATE TABLE IF NOT EXISTS tokens (
      hash TEXT PRIMARY KEY, node TEXT, labels TEXT NOT NULL, created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL, used_at INTEGER, used_by TEXT)""",
    """
    CREATE TABLE IF NOT EXISTS pending (
      node TEXT PRIMARY KEY, csr_pem TEXT NOT NULL, key_sha256 TEXT NOT NULL,
      requested_at INTEGER NOT NULL, peer TEXT NOT NULL, approved_at INTEGER)""",
    """
    CREATE TABLE IF NOT EXISTS certificates (
      serial TEXT PRIMARY KEY, subject TEXT NOT NULL, not_after INTEGER NOT NULL,
      issued_at INTEGER NOT NULL, labels TEXT NOT NULL, revoked_at INTEGER)""",
    "CREATE INDEX IF NOT EXISTS certificates_subject ON certificates(subject)",
    """
    CREATE TABLE IF NOT EXISTS git_tokens (
      hash TEXT PRIMARY KEY, access TEXT NOT NULL, created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL)""",
  };

  private final Connection connection;

  private TrustDb(Connection connection) {
    this.connection = connection;
  }

  /**
   * Opens (creating when needed) the database at a JDBC URL, e.g. {@code jdbc:sqlite:/x/trust.db}.
   *
   * @throws TrustException STORAGE when it cannot be opened
   */
  public static TrustDb open(String jdbcUrl) {
    try {
      Connection c = DriverManager.getConnection(jdbcUrl);
      try (Statement st = c.createStatement()) {
        for (String ddl : SCHEMA) {
          st.execute(ddl);
        }
      }
      return new TrustDb(c);
    } catch (SQLException e) {
      throw TrustException.storage("cannot open the trust database", e);
    }
  }

  Object lock() {
    return connection;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    return connection.prepareStatement(sql);
  }

  @Override
  public void close() {
    synchronized (connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        throw TrustException.storage("cannot close the trust database", e);
      }
    }
  }
}
