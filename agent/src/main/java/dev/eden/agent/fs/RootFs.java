package dev.eden.agent.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The file system as a node sees it: every node path is resolved under {@code root} as if it were
 * {@code /}. Resolution walks component by component: {@code ..} never climbs above the root, and a
 * symlink's target (absolute or relative) is re-rooted inside it, so no path escapes.
 */
public final class RootFs {
  private static final int MAX_LINKS = 40;
  private final Path root;

  private RootFs(Path root) {
    this.root = root;
  }

  /** The sandbox rooted at {@code dir} (which must exist). */
  public static RootFs at(Path dir) {
    try {
      return new RootFs(dir.toRealPath());
    } catch (IOException e) {
      throw new UncheckedIOException("root " + dir + " does not exist", e);
    }
  }

  /** The host's own root: paths are used as they are, still without {@code ..} tricks. */
  public static RootFs host() {
    return new RootFs(Path.of("/"));
  }

  public Path root() {
    return root;
  }

  public boolean isHost() {
    return root.getParent() == null;
  }

  /**
   * The host path of {@code nodePath}, following symlinks in every parent but not in the last
   * component (so an action can see, replace or remove a link itself).
   */
  public Path resolve(String nodePath) {
    return walk(nodePath, false);
  }

  /** The host path of {@code nodePath}, following a symlink in the last component too. */
  public Path resolveFollow(String nodePath) {
    return walk(nodePath, true);
  }

  /** The node path (as seen inside the root) of a host path under the root. */
  public String nodePath(Path hostPath) {
    Path rel = root.relativize(hostPath);
    return "/" + rel.toString();
  }

  private Path walk(String nodePath, boolean followLast) {
    if (nodePath == null || !nodePath.startsWith("/")) {
      throw new PathEscapeException("path must be absolute: '" + nodePath + "'");
    }
    Deque<String> todo = new ArrayDeque<>();
    pushFront(todo, nodePath);
    Path current = root;
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.pollFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        current = current.equals(root) ? root : current.getParent();
        continue;
      }
      Path next = current.resolve(name);
      boolean last = onlyDots(todo);
      if ((last && !followLast) || !Files.isSymbolicLink(next)) {
        current = next;
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new PathEscapeException("too many levels of symbolic links: '" + nodePath + "'");
      }
      String target = readLink(next);
      if (target.startsWith("/")) {
        current = root;
      }
      pushFront(todo, target);
    }
    return checkInside(current, nodePath);
  }

  private Path checkInside(Path p, String nodePath) {
    Path normal = p.normalize();
    if (!normal.startsWith(root)) {
      throw new PathEscapeException("path '" + nodePath + "' resolves outside " + root);
    }
    return normal;
  }

  private static boolean onlyDots(Deque<String> todo) {
    for (String n : todo) {
      if (!n.isEmpty() && !n.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private static void pushFront(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.addFirst(parts[i]);
    }
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when {@code p} exists, without following a final symlink. */
  public static boolean existsNoFollow(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
