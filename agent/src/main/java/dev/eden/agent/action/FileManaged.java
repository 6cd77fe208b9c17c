package dev.eden.agent.action;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code file.managed}: a file with the given content (or a copy of {@code source}), mode, owner
 * and group. Sizes are compared first (a stat), then SHA-256 digests; a change is written to a
 * temporary file beside the target, given its attributes, then renamed over it.
 */
final class FileManaged implements Action {
  private static final int DIFF_LIMIT = 64 * 1024;
  private static final int NEW_FILE_MODE = 0644;

  /** Stands for a current content too large to read for a diff (compared by identity). */
  private static final byte[] UNREAD = new byte[0];

  @Override
  public String name() {
    return "file.managed";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("path", "content", "source", "mode", "owner", "group", "sensitive");
  }

  @Override
  public Outcome apply(Params p, ActionContext ctx) {
    String nodePath = p.string("path");
    if (p.has("content") == p.has("source")) {
      throw p.bad("exactly one of 'content' or 'source' is required");
    }
    boolean sensitive = ctx.sensitive() || p.bool("sensitive", false);
    Path path = ctx.fs().resolve(nodePath);
    byte[] want = desired(p, ctx);
    PosixAttrs attrs = PosixAttrs.from(p);
    attrs.checkPrincipals(ctx.fs().root());
    PosixFileAttributes have = PosixAttrs.readIfExists(path);
    if (have != null && have.isDirectory()) {
      return Outcome.failed(nodePath + " is a directory");
    }
    if (have == null && !Files.isDirectory(path.getParent())) {
      return Outcome.failed("parent directory of " + nodePath + " does not exist");
    }
    boolean regular = have != null && have.isRegularFile();
    Optional<byte[]> current = regular ? sameOrCurrent(path, have, want) : Optional.empty();
    boolean contentSame = regular && current.isEmpty();
    List<String> attrChanges = regular ? attrs.differences(have) : List.of();
    String output = sensitive ? "" : output(p, want);
    if (contentSame && attrChanges.isEmpty()) {
      return new Outcome.Unchanged(nodePath + " is up to date", output);
    }
    String diff = contentSame || sensitive ? "" : diff(nodePath, current.orElse(new byte[0]), want);
    String what = describe(have, contentSame, want.length, attrChanges);
    if (ctx.dryRun()) {
      return new Outcome.Changed("would " + what, diff, output);
    }
    if (contentSame) {
      attrs.applyTo(path);
    } else {
      write(path, want, regular ? Optional.of(path) : Optional.empty(), attrs);
    }
    return new Outcome.Changed(what, diff, output);
  }

  private static byte[] desired(Params p, ActionContext ctx) {
    if (p.has("content")) {
      return p.string("content").getBytes(StandardCharsets.UTF_8);
    }
    String source = p.string("source");
    Path from = ctx.fs().resolveFollow(source);
    try {
      return Files.readAllBytes(from);
    } catch (NoSuchFileException e) {
      throw p.bad("source '" + source + "' does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String output(Params p, byte[] want) {
    if (p.has("content")) {
      return p.string("content");
    }
    return want.length <= DIFF_LIMIT ? new String(want, StandardCharsets.UTF_8) : "";
  }

  private static String describe(
      BasicFileAttributes have, boolean contentSame, int size, List<String> attrChanges) {
    List<String> parts = new ArrayList<>();
    if (have == null) {
      parts.add("create (" + size + " bytes)");
    } else if (have.isSymbolicLink() || !have.isRegularFile()) {
      parts.add("replace the " + (have.isSymbolicLink() ? "symlink" : "special file"));
    } else if (!contentSame) {
      parts.add("update content (" + size + " bytes)");
    }
    if (!attrChanges.isEmpty()) {
      parts.add("set " + String.join(", ", attrChanges));
    }
    return String.join("; ", parts);
  }

  /** Empty when the file's content equals {@code want}; else its current bytes (for a diff). */
  private static Optional<byte[]> sameOrCurrent(Path path, BasicFileAttributes have, byte[] want) {
    if (have.size() != want.length) {
      return Optional.of(have.size() <= DIFF_LIMIT ? read(path) : UNREAD);
    }
    if (have.size() <= DIFF_LIMIT) {
      byte[] bytes = read(path);
      return Arrays.equals(sha256(bytes), sha256(want)) ? Optional.empty() : Optional.of(bytes);
    }
    return Arrays.equals(sha256(path), sha256(want)) ? Optional.empty() : Optional.of(UNREAD);
  }

  private static String diff(String nodePath, byte[] before, byte[] after) {
    if (before == UNREAD || before.length > DIFF_LIMIT || after.length > DIFF_LIMIT) {
      return "";
    }
    if (isBinary(before) || isBinary(after)) {
      return "Binary files differ\n";
    }
    String a = new String(before, StandardCharsets.UTF_8);
    String b = new String(after, StandardCharsets.UTF_8);
    return UnifiedDiff.of(nodePath, a, b);
  }

  private static boolean isBinary(byte[] bytes) {
    for (byte x : bytes) {
      if (x == 0) {
        return true;
      }
    }
    return false;
  }

  /** Writes via a temporary file in the same folder, then renames it over {@code path}. */
  private static void write(Path path, byte[] bytes, Optional<Path> old, PosixAttrs attrs) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(path.getParent(), "." + path.getFileName() + ".", ".eden");
      Files.write(tmp, bytes);
      PosixAttrs inherited = inherit(old, attrs);
      inherited.applyTo(tmp);
      Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the write already failed; that error is the one reported
        }
      }
    }
  }

  /** A replaced file keeps its mode, owner and group unless the step says otherwise. */
  private static PosixAttrs inherit(Optional<Path> old, PosixAttrs wanted) {
    if (old.isEmpty()) {
      return new PosixAttrs(
          Optional.of(wanted.mode().orElse(NEW_FILE_MODE)), wanted.owner(), wanted.group());
    }
    var a = PosixAttrs.read(old.get());
    return new PosixAttrs(
        Optional.of(wanted.mode().orElse(PosixAttrs.toMode(a.permissions()))),
        Optional.of(wanted.owner().orElse(a.owner().getName())),
        Optional.of(wanted.group().orElse(a.group().getName())));
  }

  static BasicFileAttributes stat(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    return digest().digest(bytes);
  }

  private static byte[] sha256(Path path) {
    MessageDigest md = digest();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(path)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return md.digest();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
