package dev.eden.reconciler.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.eden.proto.Event;
import dev.eden.proto.ObjectRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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

  @Test
  void eventsStoredBeforeTheRetentionColumnsAreFilledInOnOpen() {
    Event old =
        Event.newBuilder()
            .setId("old")
            .setSeq(1)
            .setReason("StepFailed")
            .setObject(
                ObjectRef.newBuilder().setKind("TaskBook").setNamespace("prod").setName("web"))
            .setLastTime(Timestamp.newBuilder().setSeconds(1_000))
            .build();
    try (Database v1 = Database.open(dataDir.resolve("eden.db"), Migrations.ALL.subList(0, 1))) {
      v1.transaction(
          "an event as version 1 stored it",
          c ->
              Database.update(
                  c,
                  "INSERT INTO events (seq, id, fold_key, node, kind, name, event) "
                      + "VALUES (1, 'old', 'k', '', 'TaskBook', 'web', ?)",
                  s -> s.setBytes(1, old.toByteArray())));
    }

    try (Store store = SqliteStore.open(dataDir)) {
      assertThat(store.listEvents(new EventQuery("", "TaskBook", "prod", "web", 0, 0)))
          .containsExactly(old);
      assertThat(store.pruneEvents(Instant.ofEpochSecond(999), 10).total()).isZero();
      assertThat(store.pruneEvents(Instant.ofEpochSecond(1_001), 10).byAge()).isEqualTo(1);
    }
  }
}
