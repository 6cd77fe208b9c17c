package dev.eden.reconciler.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContract {

  @Override
  protected Store open(Path dataDir) {
    return SqliteStore.open(dataDir);
  }

  @Test
  void schemaVersionIsRecordedAndDatabaseUsesWal() throws SQLException {
    SqliteStore.open(dataDir).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("eden.db"));
        ResultSet version = c.createStatement().executeQuery("PRAGMA user_version");
        ResultSet mode = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(version.getInt(1)).isEqualTo(Migrations.ALL.size());
      assertThat(mode.getString(1)).isEqualTo("wal");
    }
  }
}
