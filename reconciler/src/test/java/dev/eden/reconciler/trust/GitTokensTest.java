package dev.eden.reconciler.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eden.reconciler.hosted.GitAccess;
import dev.eden.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTokensTest {

  @TempDir Path tmp;

  @Test
  void aTokenWorksUntilItExpiresAndOnlyItsHashIsStored() throws java.io.IOException {
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (TrustDb db = TrustDb.open("jdbc:sqlite:" + tmp.resolve("trust.db"))) {
      GitTokens tokens = new GitTokens(db, clock);
      String secret = tokens.create(GitAccess.PUSH, Duration.ofDays(30)).secret();

      assertThat(tokens.access(secret)).hasValue(GitAccess.PUSH);
      assertThat(tokens.access(secret)).as("reusable").hasValue(GitAccess.PUSH);
      clock.advance(Duration.ofDays(30));
      assertThat(tokens.access(secret)).isEmpty();
      assertThat(java.nio.file.Files.readAllBytes(tmp.resolve("trust.db")))
          .asString(java.nio.charset.StandardCharsets.ISO_8859_1)
          .doesNotContain(secret);
    }
  }

  @Test
  void ttlOutsideItsRangeIsRefused() {
    try (TrustDb db = TrustDb.open("jdbc:sqlite:" + tmp.resolve("trust.db"))) {
      GitTokens tokens = new GitTokens(db, new FakeClock(Instant.EPOCH));

      assertThatThrownBy(() -> tokens.create(GitAccess.PUSH, Duration.ZERO))
          .hasMessageContaining("at most 366 days");
      assertThatThrownBy(() -> tokens.create(GitAccess.FETCH, Duration.ofDays(367)))
          .hasMessageContaining("at most 366 days");
    }
  }
}
