package dev.eden.reconciler.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The regular files under a directory (a checkout, for {@code eden plan} and tests). */
public final class DirectoryTree implements SourceTree {

  private final Path root;
  private final List<String> paths;

  private DirectoryTree(Path root, List<String> paths) {
    this.root = root;
    this.paths = paths;
  }

  /**
   * Lists every regular file under {@code root}, skipping {@code .git}.
   *
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public static DirectoryTree of(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<String> paths =
          files
              .filter(Files::isRegularFile)
              .map(p -> root.relativize(p).toString().replace('\\', '/'))
              .filter(p -> !p.equals(".git") && !p.startsWith(".git/"))
              .sorted()
              .toList();
      return new DirectoryTree(root, paths);
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + root, e);
    }
  }

  @Override
  public List<String> paths() {
    return paths;
  }

  @Override
  public byte[] read(String path) throws IOException {
    if (!paths.contains(path)) {
      throw new IOException("no file " + path + " under " + root);
    }
    return Files.readAllBytes(root.resolve(path));
  }
}
