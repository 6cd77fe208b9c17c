package dev.eden.reconciler.source;

import java.io.IOException;
import java.util.List;

/**
 * The files of one revision, relative to the configured sub-path. Implemented over a Git commit (no
 * checkout) and over a plain directory.
 */
public interface SourceTree {

  /** Every regular file, repo-relative ("/" separated, below the sub-path), sorted. */
  List<String> paths();

  /**
   * The bytes of one file listed by {@link #paths()}.
   *
   * @throws IOException when the file cannot be read (or is not in the tree)
   */
  byte[] read(String path) throws IOException;
}
