package dev.eden.reconciler.coord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCoordinationStoreTest extends CoordinationStoreContract {

  @TempDir Path dir;

  @Override
  protected CoordinationStore newStore(FakeClock clock) {
    return SqliteCoordinationStore.open(dir.resolve("coord.db"), clock);
  }

  @Test
  void reopeningKeepsLeasesAndHoldings() {
    Lease lease = store.grant("n1", TTL);
    store.acquire(KEY, "n1", 1, lease.id());
    store.close();

    store = newStore(clock);

    assertThat(store.permitHolders(KEY)).containsExactly("n1");
  }

  @Test
  void schemaIsVersionedAndInWalMode() throws SQLException {
    try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("coord.db"));
        ResultSet version = conn.createStatement().executeQuery("PRAGMA user_version");
        ResultSet mode = conn.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(version.getInt(1)).isEqualTo(2);
      assertThat(mode.getString(1)).isEqualTo("wal");
    }
  }
}
