package dev.eden.reconciler.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --bundle-dir DIR}: every {@code *.bundle} file in DIR is imported, then moved to {@code
 * DIR/done/} (imported, or already there) or {@code DIR/failed/} (refused), with {@code
 * NAME.bundle.log} beside it saying what happened. Copy a bundle in under another name and rename
 * it to {@code *.bundle} when complete: a half-copied file is refused as truncated.
 */
public final class BundleDropFolder {

  private static final Logger LOG = LoggerFactory.getLogger(BundleDropFolder.class);

  private final Path dir;
  private final BundleImporter importer;
  private final Clock clock;

  public BundleDropFolder(Path dir, BundleImporter importer, Clock clock) {
    this.dir = dir;
    this.importer = importer;
    this.clock = clock;
  }

  /**
   * Imports the bundles waiting now, oldest name first.
   *
   * @return how many files were taken
   */
  public int scan() {
    List<Path> waiting = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bundle")) {
      files.forEach(
          f -> {
            if (Files.isRegularFile(f)) {
              waiting.add(f);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("reading --bundle-dir " + dir + ": " + e.getMessage(), e);
    }
    waiting.sort(null);
    waiting.forEach(this::take);
    return waiting.size();
  }

  /** {@link #scan}, logging a failure instead of throwing (for the poller). */
  public void scanQuietly() {
    try {
      scan();
    } catch (RuntimeException e) {
      LOG.error("event=bundle_dir_failed dir={} error=\"{}\"", dir, e.toString());
    }
  }

  private void take(Path file) {
    String name = String.valueOf(file.getFileName());
    BundleImporter.Result result;
    try {
      result = importer.importFile(name, Files.readAllBytes(file));
    } catch (IOException e) {
      result =
          BundleImporter.Result.refused("", List.of(name + ": cannot read: " + e.getMessage()));
    }
    boolean failed = !result.errors().isEmpty();
    Path to = dir.resolve(failed ? "failed" : "done");
    try {
      Files.createDirectories(to);
      Files.move(file, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(to.resolve(name + ".log"), log(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("moving " + file + " to " + to + ": " + e.getMessage(), e);
    }
    LOG.info("event=bundle_dir_taken file={} outcome={}", name, failed ? "failed" : "done");
  }

  private String log(BundleImporter.Result r) {
    StringBuilder b = new StringBuilder(clock.instant() + " " + r.summary() + "\n");
    r.errors().forEach(e -> b.append(e).append('\n'));
    return b.toString();
  }
}
