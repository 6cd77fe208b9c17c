package dev.eden.common.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

  private static final Migrations TWO_STEPS =
      Migrations.of(
          List.of(
              List.of(
                  "CREATE TABLE parent (id TEXT PRIMARY KEY)",
                  "CREATE TABLE child (id TEXT PRIMARY KEY,"
                      + " parent TEXT NOT NULL REFERENCES parent(id))"),
              List.of("ALTER TABLE parent ADD COLUMN note TEXT NOT NULL DEFAULT ''")));

  @TempDir Path dir;

  @Test
  void newDatabaseIsAtTheLatestVersionWithEveryPragmaSet() throws SQLException {
    try (SqliteDatabase db =
        SqliteDatabase.open(dir.resolve("sub/x.db"), TWO_STEPS, Synchronous.FULL)) {
      assertThat(db.version()).isEqualTo(2);
      assertThat(pragma(db.connection(), "journal_mode")).isEqualTo("wal");
      assertThat(pragma(db.connection(), "synchronous")).isEqualTo("2");
      assertThat(pragma(db.connection(), "foreign_keys")).isEqualTo("1");
      assertThat(pragma(db.connection(), "busy_timeout")).isEqualTo("5000");
    }
  }

  @Test
  void databaseAtAnOlderVersionGetsOnlyTheMissingStepsAndKeepsItsRows() throws SQLException {
    Path file = dir.resolve("old.db");
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = old.createStatement()) {
      for (String sql : TWO_STEPS.steps().get(0)) {
        s.execute(sql);
      }
      s.execute("INSERT INTO parent (id) VALUES ('kept')");
      s.execute("PRAGMA user_version=1");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file, TWO_STEPS, Synchronous.NORMAL)) {
      assertThat(db.version()).isEqualTo(2);
      assertThat(pragma(db.connection(), "synchronous")).isEqualTo("1");
      try (Statement s = db.connection().createStatement();
          ResultSet rs = s.executeQuery("SELECT id, note FROM parent")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("kept");
        assertThat(rs.getString(2)).isEmpty();
      }
    }
  }

  @Test
  void failingStepLeavesTheDatabaseAtThePreviousVersion() throws SQLException {
    Path file = dir.resolve("x.db");
    Migrations broken =
        Migrations.of(
            List.of(
                TWO_STEPS.steps().get(0),
                List.of("CREATE TABLE half (id TEXT)", "THIS IS NOT SQL")));
    assertThatThrownBy(() -> SqliteDatabase.open(file, broken, Synchronous.NORMAL))
        .isInstanceOf(SQLException.class);
    try (SqliteDatabase db = SqliteDatabase.open(file, TWO_STEPS, Synchronous.NORMAL)) {
      assertThat(db.version()).isEqualTo(2);
      try (Statement s = db.connection().createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'half'")) {
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void databaseNewerThanTheCodeIsRefused() throws SQLException {
    Path file = dir.resolve("x.db");
    SqliteDatabase.open(file, TWO_STEPS, Synchronous.NORMAL).close();
    Migrations older = Migrations.of(TWO_STEPS.steps().subList(0, 1));
    assertThatThrownBy(() -> SqliteDatabase.open(file, older, Synchronous.NORMAL))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("schema version 2, newer than this release knows (1)");
  }

  @Test
  void foreignKeysAreEnforced() throws SQLException {
    try (SqliteDatabase db =
        SqliteDatabase.open(dir.resolve("x.db"), TWO_STEPS, Synchronous.NORMAL)) {
      assertThatThrownBy(
              () ->
                  db.transaction(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          return s.executeUpdate(
                              "INSERT INTO child (id, parent) VALUES ('c', 'missing')");
                        }
                      }))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("FOREIGN KEY");
    }
  }

  @Test
  void scriptsSplitOnSemicolons() {
    Migrations m = Migrations.scripts(List.of("CREATE TABLE a (x);\nCREATE TABLE b (y)\n", "X"));
    assertThat(m.steps())
        .containsExactly(List.of("CREATE TABLE a (x)", "\nCREATE TABLE b (y)\n"), List.of("X"));
    assertThat(m.latest()).isEqualTo(2);
  }

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.getString(1);
    }
  }
}
