package dev.eden.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootFsTest {
  @TempDir Path tmp;
  Path root;
  Path outside;
  RootFs fs;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root")).toRealPath();
    outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
    Files.createDirectories(root.resolve("etc"));
    fs = RootFs.at(root);
  }

  @Test
  void resolvesPlainPathsUnderTheRoot() {
    assertThat(fs.resolve("/etc/motd")).isEqualTo(root.resolve("etc/motd"));
    assertThat(fs.resolve("/")).isEqualTo(root);
  }

  @Test
  void dotDotCannotClimbAboveTheRoot() {
    assertThat(fs.resolve("/../../etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
    assertThat(fs.resolve("/etc/../../../../etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
  }

  @Test
  void rejectsRelativePaths() {
    assertThatThrownBy(() -> fs.resolve("../../etc/passwd"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("absolute");
  }

  @Test
  void absoluteSymlinkIsReRootedInside() throws Exception {
    Files.createSymbolicLink(root.resolve("sys-etc"), Path.of("/etc"));
    assertThat(fs.resolve("/sys-etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
    assertThat(fs.resolveFollow("/sys-etc")).isEqualTo(root.resolve("etc"));
  }

  @Test
  void symlinkedParentPointingOutsideIsReRooted() throws Exception {
    Files.createSymbolicLink(root.resolve("escape"), outside);
    Path p = fs.resolve("/escape/secret");
    assertThat(p.startsWith(root)).isTrue();
    assertThat(p).isEqualTo(root.resolve(outside.toString().substring(1)).resolve("secret"));
    assertThat(p.startsWith(outside)).isFalse();
  }

  @Test
  void dotDotThroughASymlinkStaysInside() throws Exception {
    Files.createDirectories(root.resolve("a/b"));
    Files.createSymbolicLink(root.resolve("a/b/up"), Path.of("../../../../.."));
    assertThat(fs.resolve("/a/b/up/etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
    Files.createSymbolicLink(root.resolve("a/rel"), Path.of("../../../outside"));
    assertThat(fs.resolveFollow("/a/rel")).isEqualTo(root.resolve("outside"));
  }

  @Test
  void lastComponentIsNotFollowedUnlessAsked() throws Exception {
    Files.createSymbolicLink(root.resolve("etc/link"), outside.resolve("target"));
    assertThat(fs.resolve("/etc/link")).isEqualTo(root.resolve("etc/link"));
    assertThat(fs.resolveFollow("/etc/link").startsWith(root)).isTrue();
  }

  @Test
  void symlinkLoopFailsClearly() throws Exception {
    Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));
    assertThatThrownBy(() -> fs.resolve("/loop/x"))
        .isInstanceOf(PathEscapeException.class)
        .hasMessageContaining("too many levels");
  }

  @Test
  void hostRootUsesPathsAsTheyAre() {
    assertThat(RootFs.host().resolve("/tmp/../etc/hosts")).isEqualTo(Path.of("/etc/hosts"));
    assertThat(RootFs.host().isHost()).isTrue();
    assertThat(fs.isHost()).isFalse();
  }
}
