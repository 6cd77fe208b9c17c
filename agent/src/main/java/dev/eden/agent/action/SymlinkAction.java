package dev.eden.agent.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * {@code symlink}: a symbolic link at {@code path} pointing at {@code target}. The target is
 * written as given (a node path); it is resolved inside the root only when something follows it.
 */
final class SymlinkAction implements Action {

  @Override
  public String name() {
    return "symlink";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("path", "target");
  }

  @Override
  public Outcome apply(Params p, ActionContext ctx) {
    String nodePath = p.string("path");
    String target = p.string("target");
    if (target.isEmpty()) {
      throw p.bad("parameter 'target' must not be empty");
    }
    Path path = ctx.fs().resolve(nodePath);
    BasicFileAttributes have = FileManaged.stat(path);
    if (have != null && !have.isSymbolicLink()) {
      return Outcome.failed(nodePath + " exists and is not a symlink");
    }
    String current = have == null ? null : readLink(path);
    if (target.equals(current)) {
      return Outcome.unchanged(nodePath + " → " + target);
    }
    String what =
        (current == null ? "create symlink " : "repoint symlink (was " + current + ") ")
            + nodePath
            + " → "
            + target;
    if (ctx.dryRun()) {
      return Outcome.changed("would " + what);
    }
    if (!Files.isDirectory(path.getParent())) {
      return Outcome.failed("parent directory of " + nodePath + " does not exist");
    }
    replace(path, target);
    return Outcome.changed(what);
  }

  /** Makes the link beside the old one, then renames it over (atomic for readers). */
  private static void replace(Path path, String target) {
    Path tmp = path.resolveSibling("." + path.getFileName() + ".eden-link");
    try {
      Files.deleteIfExists(tmp);
      Files.createSymbolicLink(tmp, Path.of(target));
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readLink(Path path) {
    try {
      return Files.readSymbolicLink(path).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
