package dev.eden.agent.action;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The mode, owner and group a step wants for a file or directory (each optional). */
record PosixAttrs(Optional<Integer> mode, Optional<String> owner, Optional<String> group) {

  static PosixAttrs from(Params p) {
    return new PosixAttrs(p.mode("mode"), p.optString("owner"), p.optString("group"));
  }

  boolean isEmpty() {
    return mode.isEmpty() && owner.isEmpty() && group.isEmpty();
  }

  /** What differs on {@code path} ("mode 0600 → 0644", …); empty when it already matches. */
  List<String> differences(Path path) {
    return differences(read(path));
  }

  /** As {@link #differences(Path)}, from attributes already read. */
  List<String> differences(PosixFileAttributes a) {
    List<String> out = new ArrayList<>();
    mode.ifPresent(
        m -> {
          int have = toMode(a.permissions());
          if (have != m) {
            out.add(String.format("mode %04o → %04o", have, m));
          }
        });
    owner.ifPresent(
        o -> {
          if (!a.owner().getName().equals(o)) {
            out.add("owner " + a.owner().getName() + " → " + o);
          }
        });
    group.ifPresent(
        g -> {
          if (!a.group().getName().equals(g)) {
            out.add("group " + a.group().getName() + " → " + g);
          }
        });
    return out;
  }

  /** Sets every wanted attribute on {@code path} (which is not a symlink). */
  void applyTo(Path path) {
    try {
      PosixFileAttributeView view =
          Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
      UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
      if (owner.isPresent()) {
        UserPrincipal u = users.lookupPrincipalByName(owner.get());
        view.setOwner(u);
      }
      if (group.isPresent()) {
        GroupPrincipal g = users.lookupPrincipalByGroupName(group.get());
        view.setGroup(g);
      }
      if (mode.isPresent()) {
        view.setPermissions(toPermissions(mode.get()));
      }
    } catch (UserPrincipalNotFoundException e) {
      throw new BadParameterException("no such user or group: '" + e.getName() + "'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails early, before anything is written, when an owner or group does not exist. */
  void checkPrincipals(Path anyPath) {
    UserPrincipalLookupService users = anyPath.getFileSystem().getUserPrincipalLookupService();
    try {
      if (owner.isPresent()) {
        users.lookupPrincipalByName(owner.get());
      }
      if (group.isPresent()) {
        users.lookupPrincipalByGroupName(group.get());
      }
    } catch (UserPrincipalNotFoundException e) {
      throw new BadParameterException("no such user or group: '" + e.getName() + "'");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file's attributes (not following a final symlink), or null when there is none. */
  static PosixFileAttributes readIfExists(Path path) {
    try {
      return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PosixFileAttributes read(Path path) {
    try {
      return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int toMode(Set<PosixFilePermission> perms) {
    int m = 0;
    for (PosixFilePermission p : perms) {
      m |= 1 << (8 - p.ordinal());
    }
    return m;
  }

  static Set<PosixFilePermission> toPermissions(int mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission p : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - p.ordinal()))) != 0) {
        out.add(p);
      }
    }
    return out;
  }
}
