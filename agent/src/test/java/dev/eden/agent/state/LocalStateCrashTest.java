package dev.eden.agent.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateCrashTest {
  @TempDir Path data;

  private long scalar(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("agent.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void killNineWhileRecordingLosesNoReportAndCorruptsNothing() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                data.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> scalar("SELECT count(*) FROM run") >= 20);
    } finally {
      writer.destroyForcibly().waitFor();
    }
    assertThat(writer.exitValue()).isEqualTo(137);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("agent.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    long runs = scalar("SELECT count(*) FROM run");
    assertThat(scalar("SELECT count(*) FROM outbox WHERE kind = 'run'")).isEqualTo(runs);
    assertThat(scalar("SELECT count(*) FROM outbox WHERE kind = 'events'")).isEqualTo(runs);
    try (LocalState s = LocalState.open(data)) {
      assertThat(s.outbox(1000)).hasSize((int) (2 * runs));
      assertThat(s.nextRunNumber()).isGreaterThan(runs);
    }
  }
}
