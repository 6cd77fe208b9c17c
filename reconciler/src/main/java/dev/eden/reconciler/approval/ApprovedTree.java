package dev.eden.reconciler.approval;

import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;

/**
 * The current revision's files, plus the files of the commits that approved TaskBook versions were
 * taken from, under the hidden folder {@code .approved/<commit>/} (hidden paths are not listed, so
 * nothing loads them as manifests).
 */
final class ApprovedTree implements SourceTree {

  static final String FOLDER = ".approved/";

  private final SourceTree current;
  private final Map<String, SourceTree> commits;

  ApprovedTree(SourceTree current, Map<String, SourceTree> commits) {
    this.current = current;
    this.commits = Map.copyOf(commits);
  }

  /** Where file {@code path} of {@code commit} appears in this tree. */
  static String path(String commit, String path) {
    return FOLDER + commit + "/" + path;
  }

  @Override
  public List<String> paths() {
    return current.paths();
  }

  @Override
  public byte[] read(String path) throws IOException {
    if (!path.startsWith(FOLDER)) {
      return current.read(path);
    }
    String rest = path.substring(FOLDER.length());
    int slash = rest.indexOf('/');
    SourceTree commit = slash < 0 ? null : commits.get(rest.substring(0, slash));
    if (commit == null) {
      throw new NoSuchFileException(path);
    }
    return commit.read(rest.substring(slash + 1));
  }
}
