package dev.eden.reconciler.trust;

import dev.eden.common.sqlite.Migrations;
import dev.eden.common.sqlite.SqliteDatabase;
import dev.eden.common.sqlite.Synchronous;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The trust database (SQLite, {@code <data-dir>/trust.db} by default): tokens (hashes only),
 * pending enrollments, issued certificates and revocations. One connection; callers hold its
 * monitor ({@link #lock()}) around each operation so that check-then-update is atomic.
 */
public final class TrustDb implements AutoCloseable {

  /**
   * Version 1 is the schema of the releases before versioned migrations: {@code IF NOT EXISTS}, so
   * a database they created (at {@code user_version} 0, its tables present) opens unchanged.
   * Version 2 adds the hashes of the tokens for {@code git push} and fetch to a hosted repository.
   */
  private static final Migrations MIGRATIONS =
      Migrations.of(
          List.of(
              List.of(
                  """
                  CREATE TABLE IF NOT EXISTS tokens (
                    hash TEXT PRIMARY KEY, node TEXT, labels TEXT NOT NULL,
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER,
                    used_by TEXT)""",
                  """
                  CREATE TABLE IF NOT EXISTS pending (
                    node TEXT PRIMARY KEY, csr_pem TEXT NOT NULL, key_sha256 TEXT NOT NULL,
                    requested_at INTEGER NOT NULL, peer TEXT NOT NULL, approved_at INTEGER)""",
                  """
                  CREATE TABLE IF NOT EXISTS certificates (
                    serial TEXT PRIMARY KEY, subject TEXT NOT NULL, not_after INTEGER NOT NULL,
                    issued_at INTEGER NOT NULL, labels TEXT NOT NULL, revoked_at INTEGER)""",
                  "CREATE INDEX IF NOT EXISTS certificates_subject ON certificates(subject)"),
              List.of(
                  """
                  CREATE TABLE git_tokens (
                    hash TEXT PRIMARY KEY, access TEXT NOT NULL, created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL)""")));

  private final SqliteDatabase db;
  private final Connection connection;

  private TrustDb(SqliteDatabase db) {
    this.db = db;
    this.connection = db.connection();
  }

  /**
   * Opens (creating or migrating when needed) the database at a JDBC URL, e.g. {@code
   * jdbc:sqlite:/x/trust.db}, with {@link Synchronous#FULL}: a used token or a revocation lost on a
   * power loss would reopen a door.
   *
   * @throws TrustException STORAGE when it cannot be opened
   */
  public static TrustDb open(String jdbcUrl) {
    try {
      return new TrustDb(SqliteDatabase.open(jdbcUrl, MIGRATIONS, Synchronous.FULL));
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
        db.close();
      } catch (SQLException e) {
        throw TrustException.storage("cannot close the trust database", e);
      }
    }
  }
}
