package dev.eden.agent.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code directory}: a directory at {@code path} (parents created) with mode, owner, group. */
final class DirectoryAction implements Action {
  private static final int NEW_DIR_MODE = 0755;

  @Override
  public String name() {
    return "directory";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("path", "mode", "owner", "group");
  }

  @Override
  public Outcome apply(Params p, ActionContext ctx) {
    String nodePath = p.string("path");
    Path path = ctx.fs().resolve(nodePath);
    PosixAttrs attrs = PosixAttrs.from(p);
    attrs.checkPrincipals(ctx.fs().root());
    PosixFileAttributes have = PosixAttrs.readIfExists(path);
    if (have != null && !have.isDirectory()) {
      return Outcome.failed(nodePath + " exists and is not a directory");
    }
    if (have != null) {
      List<String> diffs = attrs.differences(have);
      if (diffs.isEmpty()) {
        return Outcome.unchanged(nodePath + " is up to date");
      }
      String what = "set " + String.join(", ", diffs);
      if (ctx.dryRun()) {
        return Outcome.changed("would " + what);
      }
      attrs.applyTo(path);
      return Outcome.changed(what);
    }
    if (ctx.dryRun()) {
      return Outcome.changed("would create directory " + nodePath);
    }
    create(path, ctx);
    new PosixAttrs(Optional.of(attrs.mode().orElse(NEW_DIR_MODE)), attrs.owner(), attrs.group())
        .applyTo(path);
    return Outcome.changed("created directory " + nodePath);
  }

  /** Creates missing parents one by one, re-resolving each so none is a symlink out. */
  private static void create(Path path, ActionContext ctx) {
    List<Path> missing = new ArrayList<>();
    for (Path p = path; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(0, p);
    }
    try {
      for (Path dir : missing) {
        Path safe = ctx.fs().resolve(ctx.fs().nodePath(dir));
        try {
          Files.createDirectory(safe);
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(safe, LinkOption.NOFOLLOW_LINKS)) {
            throw e;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
