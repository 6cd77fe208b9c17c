package dev.eden.agent.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/** {@code file.absent}: no file (or symlink) at {@code path}. A non-empty directory is refused. */
final class FileAbsent implements Action {

  @Override
  public String name() {
    return "file.absent";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("path");
  }

  @Override
  public Outcome apply(Params p, ActionContext ctx) {
    String nodePath = p.string("path");
    Path path = ctx.fs().resolve(nodePath);
    if (path.equals(ctx.fs().root())) {
      throw p.bad("refusing to remove the root");
    }
    BasicFileAttributes have = FileManaged.stat(path);
    if (have == null) {
      return Outcome.unchanged(nodePath + " is absent");
    }
    String kind = have.isSymbolicLink() ? "symlink" : have.isDirectory() ? "directory" : "file";
    if (ctx.dryRun()) {
      return Outcome.changed("would remove " + kind + " " + nodePath);
    }
    try {
      Files.delete(path);
    } catch (DirectoryNotEmptyException e) {
      return Outcome.failed(nodePath + " is a directory that is not empty");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Outcome.changed("removed " + kind + " " + nodePath);
  }
}
