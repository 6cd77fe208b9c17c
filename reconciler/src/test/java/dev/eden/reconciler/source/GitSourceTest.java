package dev.eden.reconciler.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.schema.load.SourceTree;
import dev.eden.testkit.GitRepoFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

  @TempDir Path tmp;

  private GitSource open(GitRepoFixture repo, String path) {
    return GitSource.open(
        new GitSourceConfig(repo.dir().toString(), "main", path, tmp.resolve("data/git"), ""));
  }

  @Test
  void fetchesTheBranchHeadIntoABareClone() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String sha = repo.commit("first", Map.of("a.txt", "A", "dir/b.txt", "B"));
      try (GitSource source = open(repo, "")) {
        FetchResult result = source.fetch();

        assertThat(result).isEqualTo(new FetchResult.Head(source.head().orElseThrow()));
        assertThat(source.head().orElseThrow().sha()).isEqualTo(sha);
        assertThat(source.head().orElseThrow().subject()).isEqualTo("first");
        SourceTree tree = source.tree(sha);
        assertThat(tree.paths()).containsExactly("a.txt", "dir/b.txt");
        assertThat(new String(tree.read("dir/b.txt"), StandardCharsets.UTF_8)).isEqualTo("B");
        assertThat(tmp.resolve("data/git/HEAD")).exists();
        assertThat(tmp.resolve("data/git/.git")).doesNotExist();
      }
    }
  }

  @Test
  void subPathTreeListsOnlyFilesBelowItRelativeToIt() throws IOException {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String sha =
          repo.commit(
              "first",
              Map.of(
                  "README", "r", "fleet/nodes/a.txt", "A", "fleet2/x.txt", "no", "fleetx", "no"));
      try (GitSource source = open(repo, "/fleet/")) {
        source.fetch();
        assertThat(source.tree(sha).paths()).containsExactly("nodes/a.txt");
      }
    }
  }

  @Test
  void forcePushedBranchGivesTheNewHead() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String first = repo.commit("first", Map.of("a.txt", "1"));
      repo.commit("second", Map.of("a.txt", "2"));
      try (GitSource source = open(repo, "")) {
        source.fetch();
        repo.resetHard(first);
        String rewritten = repo.commit("rewritten", Map.of("a.txt", "3"));

        source.fetch();

        assertThat(source.head().orElseThrow().sha()).isEqualTo(rewritten);
      }
    }
  }

  @Test
  void reopeningReusesTheCloneWithoutFetching() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      String sha = repo.commit("first", Map.of("a.txt", "1"));
      try (GitSource source = open(repo, "")) {
        source.fetch();
      }
      try (GitSource again =
          GitSource.open(
              new GitSourceConfig(
                  tmp.resolve("gone").toString(), "main", "", tmp.resolve("data/git"), ""))) {
        assertThat(again.head().orElseThrow().sha()).isEqualTo(sha);
      }
    }
  }

  @Test
  void missingBranchIsAFailedFetch() {
    try (GitRepoFixture repo = GitRepoFixture.create(tmp.resolve("repo"))) {
      repo.commit("first", Map.of("a.txt", "1"));
      try (GitSource source =
          GitSource.open(
              new GitSourceConfig(repo.dir().toString(), "prod", "", tmp.resolve("g"), ""))) {
        assertThat(source.fetch()).isInstanceOf(FetchResult.Failed.class);
        assertThat(source.head()).isEmpty();
      }
    }
  }

  @Test
  void credentialsNeverAppearInFailures() {
    String token = "s3cr3t-token-value";
    GitSourceConfig config =
        new GitSourceConfig(
            "https://alice:hunter22@127.0.0.1:1/fleet.git", "main", "", tmp.resolve("g"), token);
    try (GitSource source = GitSource.open(config)) {
      FetchResult result = source.fetch();

      assertThat(result).isInstanceOf(FetchResult.Failed.class);
      String reason = ((FetchResult.Failed) result).reason();
      assertThat(reason).doesNotContain("hunter22").doesNotContain("alice").doesNotContain(token);
      assertThat(source.displayName()).isEqualTo("https://***@127.0.0.1:1/fleet.git");
    }
  }

  @Test
  void sshTransportIsAvailableAndUnreachableHostIsAFailedFetch() {
    assertThat(org.eclipse.jgit.transport.SshSessionFactory.getInstance()).isNotNull();
    GitSourceConfig config =
        new GitSourceConfig(
            "ssh://alice:hunter22@127.0.0.1:1/fleet.git", "main", "", tmp.resolve("g"), "");
    try (GitSource source = GitSource.open(config)) {
      FetchResult result = source.fetch();
      assertThat(result).isInstanceOf(FetchResult.Failed.class);
      assertThat(((FetchResult.Failed) result).reason()).doesNotContain("hunter22");
    }
  }

  @Test
  void redactorRemovesUserInfoAndSecrets() {
    Redactor redactor = new Redactor(java.util.List.of("tok-123456"));
    assertThat(
            redactor.apply(
                "cannot fetch https://x-access-token:tok-123456@github.com/a/b.git: auth tok-123456"))
        .isEqualTo("cannot fetch https://***@github.com/a/b.git: auth ***");
    assertThat(redactor.apply("ssh://git@host/x and file:///tmp/x"))
        .isEqualTo("ssh://***@host/x and file:///tmp/x");
  }

  @Test
  void directoryTreeSkipsGitFolder() throws IOException {
    Files.createDirectories(tmp.resolve("d/.git"));
    Files.writeString(tmp.resolve("d/.git/config"), "x");
    Files.createDirectories(tmp.resolve("d/nodes"));
    Files.writeString(tmp.resolve("d/nodes/a.txt"), "A");
    SourceTree tree = SourceTree.ofDirectory(tmp.resolve("d"));
    assertThat(tree.paths()).containsExactly("nodes/a.txt");
    assertThat(tree.read("nodes/a.txt")).isEqualTo("A".getBytes(StandardCharsets.UTF_8));
  }
}
