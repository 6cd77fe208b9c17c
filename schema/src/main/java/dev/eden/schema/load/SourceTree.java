package dev.eden.schema.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of one revision, by repository-relative path with '/' separators. The reconciler
 * implements it over a Git commit; the CLI over a directory. This module does no Git I/O.
 */
public interface SourceTree {

  /** Every file, sorted, hidden folders (such as {@code .git}) left out. */
  List<String> paths();

  /** The bytes of {@code path}. */
  byte[] read(String path) throws IOException;

  /** A tree over the files under {@code root} on disk. */
  static SourceTree ofDirectory(Path root) {
    return new DirectoryTree(root);
  }

  /** A tree over files held in memory, by repository-relative path (tests, previews). */
  static SourceTree ofFiles(Map<String, byte[]> files) {
    Map<String, byte[]> copy = new TreeMap<>(files);
    return new SourceTree() {
      @Override
      public List<String> paths() {
        return List.copyOf(copy.keySet());
      }

      @Override
      public byte[] read(String path) throws IOException {
        byte[] bytes = copy.get(path);
        if (bytes == null) {
          throw new NoSuchFileException(path);
        }
        return bytes.clone();
      }
    };
  }

  /** {@link SourceTree} over a folder on disk. */
  final class DirectoryTree implements SourceTree {
    private final Path root;

    DirectoryTree(Path root) {
      this.root = root;
    }

    @Override
    public List<String> paths() {
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .filter(Files::isRegularFile)
            .map(p -> root.relativize(p).toString().replace('\\', '/'))
            .filter(p -> !isHidden(p))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
      }
    }

    @Override
    public byte[] read(String path) throws IOException {
      return Files.readAllBytes(root.resolve(path));
    }

    private static boolean isHidden(String relative) {
      for (String part : relative.split("/")) {
        if (part.startsWith(".")) {
          return true;
        }
      }
      return false;
    }
  }
}
