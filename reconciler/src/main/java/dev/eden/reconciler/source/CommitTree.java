package dev.eden.reconciler.source;

import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** The files of one commit below a sub-path, read from the object database (no checkout). */
public final class CommitTree implements SourceTree {

  private final Repository repository;
  private final Map<String, ObjectId> blobs;

  private CommitTree(Repository repository, Map<String, ObjectId> blobs) {
    this.repository = repository;
    this.blobs = blobs;
  }

  /** Lists the regular files of {@code commit} under {@code subPath}, relative to it. */
  public static CommitTree of(Repository repository, ObjectId commit, String subPath)
      throws IOException {
    Map<String, ObjectId> blobs = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit c = walk.parseCommit(commit);
      tree.addTree(c.getTree());
      tree.setRecursive(true);
      if (!subPath.isEmpty()) {
        tree.setFilter(PathFilter.create(subPath));
      }
      String prefix = subPath.isEmpty() ? "" : subPath + "/";
      while (tree.next()) {
        String path = tree.getPathString();
        boolean file = (tree.getRawMode(0) & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
        if (file && path.startsWith(prefix)) {
          blobs.put(path.substring(prefix.length()), tree.getObjectId(0));
        }
      }
    }
    return new CommitTree(repository, blobs);
  }

  @Override
  public List<String> paths() {
    return Collections.unmodifiableList(new ArrayList<>(blobs.keySet()));
  }

  @Override
  public byte[] read(String path) throws IOException {
    ObjectId id = blobs.get(path);
    if (id == null) {
      throw new IOException("no file " + path + " in the revision");
    }
    return repository.open(id).getBytes();
  }
}
