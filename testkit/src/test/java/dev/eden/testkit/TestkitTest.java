package dev.eden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestkitTest {

  @TempDir Path dir;

  @Test
  void fakeClockMovesOnlyWhenTold() {
    FakeClock clock = new FakeClock();
    assertThat(clock.instant()).isEqualTo(FakeClock.EPOCH);
    clock.advance(Duration.ofMinutes(5));
    assertThat(clock.instant()).isEqualTo(FakeClock.EPOCH.plusSeconds(300));
    assertThat(clock.withZone(ZoneId.of("Europe/Paris"))).isSameAs(clock);
    assertThat(clock.millis()).isEqualTo(FakeClock.EPOCH.plusSeconds(300).toEpochMilli());
  }

  @Test
  void gitFixtureCommitsDeletesAndResetsOnMain() throws Exception {
    Path repo = dir.resolve("repo");
    try (GitRepoFixture fixture = GitRepoFixture.create(repo)) {
      String first = fixture.commit("first", Map.of("a.yaml", "a", "sub/b.yaml", "b"));
      Map<String, String> delete = new HashMap<>();
      delete.put("a.yaml", null);
      String second = fixture.commit("second", delete);

      assertThat(Files.exists(repo.resolve("a.yaml"))).isFalse();
      try (Git git = Git.open(repo.toFile())) {
        assertThat(git.getRepository().getBranch()).isEqualTo("main");
        assertThat(git.getRepository().resolve("main").name()).isEqualTo(second);
      }
      fixture.resetHard(first);
      assertThat(Files.readString(repo.resolve("a.yaml"))).isEqualTo("a");
    }
  }
}
