package dev.eden.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A fresh Git repository holding a copy of the sample repository, and commits to it. */
public final class DemoRepo {
  private static final PersonIdent AUTHOR = new PersonIdent("eden demo", "demo@eden.invalid");
  private final Path dir;

  private DemoRepo(Path dir) {
    this.dir = dir;
  }

  /** Copies {@code source} into {@code dir}, makes it a Git repository on {@code main}, commits. */
  public static DemoRepo create(Path source, Path dir) throws IOException {
    copyTree(source, dir);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("Import the sample repository")
          .setAuthor(AUTHOR)
          .setCommitter(AUTHOR)
          .call();
    } catch (GitAPIException e) {
      throw new IOException(
          "cannot create the demo repository in " + dir + ": " + e.getMessage(), e);
    }
    return new DemoRepo(dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * Replaces {@code from} by {@code to} in {@code file} and commits it.
   *
   * @return the new commit's id
   */
  public String replaceAndCommit(String file, String from, String to, String message)
      throws IOException {
    Path path = dir.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    if (!text.contains(from)) {
      throw new IOException(file + " does not contain '" + from + "'");
    }
    Files.writeString(path, text.replace(from, to), StandardCharsets.UTF_8);
    return commit(file, message);
  }

  /** Writes {@code content} to {@code file} and commits it. */
  public String writeAndCommit(String file, String content, String message) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return commit(file, message);
  }

  private String commit(String file, String message) throws IOException {
    try (Git git = Git.open(dir.toFile())) {
      git.add().addFilepattern(file).call();
      RevCommit c = git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
      return c.getName();
    } catch (GitAPIException e) {
      throw new IOException("cannot commit " + file + ": " + e.getMessage(), e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      files.forEach(
          p -> {
            Path to = target.resolve(source.relativize(p).toString());
            try {
              if (Files.isDirectory(p)) {
                Files.createDirectories(to);
              } else {
                Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
