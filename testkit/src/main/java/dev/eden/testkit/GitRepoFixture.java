package dev.eden.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real Git repository with a working tree in a temporary folder, on branch {@code main}. The
 * reconciler fetches from it as it would from a forge; resetting the branch is a force-push.
 */
public final class GitRepoFixture implements AutoCloseable {

  private final Path dir;
  private final Git git;

  private GitRepoFixture(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  public static GitRepoFixture create(Path dir) {
    try {
      Files.createDirectories(dir);
      return new GitRepoFixture(
          dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException("creating a test repository in " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  /**
   * Writes the files (a null content deletes the file), stages everything and commits.
   *
   * @return the new commit's sha
   */
  public String commit(String message, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path file = dir.resolve(f.getKey());
        if (f.getValue() == null) {
          Files.deleteIfExists(file);
        } else {
          Files.createDirectories(file.getParent());
          Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
        }
      }
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      RevCommit c =
          git.commit()
              .setMessage(message)
              .setAuthor("Test", "test@example.org")
              .setCommitter("Test", "test@example.org")
              .setAllowEmpty(true)
              .call();
      return c.name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("committing " + message, e);
    }
  }

  /** Moves {@code main} back to {@code sha}, dropping later commits (as a force-push does). */
  public void resetHard(String sha) {
    try {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(sha).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("resetting to " + sha, e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
