package dev.eden.reconciler.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.testkit.FakeClock;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustDbTest {

  /** The DDL of the releases before versioned migrations, as they ran it on every open. */
  private static final String[] PREVIOUS_RELEASE_DDL = {
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
  };

  @TempDir Path dir;

  @Test
  void databaseOfThePreviousReleaseOpensWithItsCertificatesAndRevocations() throws SQLException {
    try (Connection old = DriverManager.getConnection(url());
        Statement s = old.createStatement()) {
      for (String ddl : PREVIOUS_RELEASE_DDL) {
        s.execute(ddl);
      }
      s.execute(
          "INSERT INTO certificates (serial, subject, not_after, issued_at, labels)"
              + " VALUES ('0a', 'node/web-1', 9999999999999, 1, 'tier=web')");
      s.execute(
          "INSERT INTO certificates (serial, subject, not_after, issued_at, labels, revoked_at)"
              + " VALUES ('0b', 'node/web-2', 9999999999999, 1, 'tier=db', 2)");
    }

    try (Trust trust =
        Trust.open(
            TrustOptions.defaults(dir).withJdbcUrl(url()), FakeClock.now(), AuditSink.logging())) {
      assertThat(trust.ledger().labels("web-1")).isEqualTo(Map.of("tier", "web"));
      assertThat(trust.ledger().isRevoked(new BigInteger("0b", 16))).isTrue();
      assertThat(trust.ledger().isRevoked(new BigInteger("0a", 16))).isFalse();
    }
    try (Connection reopened = DriverManager.getConnection(url());
        Statement s = reopened.createStatement();
        ResultSet version = s.executeQuery("PRAGMA user_version")) {
      // version 1 is the previous release's schema; 2 adds git_tokens (hosted repositories)
      assertThat(version.getInt(1)).isEqualTo(2);
    }
  }

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("trust.db");
  }
}
