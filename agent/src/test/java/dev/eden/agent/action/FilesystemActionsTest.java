package dev.eden.agent.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemActionsTest {
  @TempDir Path tmp;
  Path root;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    box = new Sandbox(root);
  }

  @Test
  void directoryCreatesParentsThenIsUnchanged() throws Exception {
    String params = "{'path':'/srv/app/data','mode':'0750'}";
    assertThat(box.dryRun("directory", params)).isInstanceOf(Outcome.Changed.class);
    assertThat(root.resolve("srv")).doesNotExist();
    assertThat(box.apply("directory", params)).isInstanceOf(Outcome.Changed.class);
    assertThat(root.resolve("srv/app/data")).isDirectory();
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("srv/app/data"))))
        .isEqualTo("rwxr-x---");
    assertThat(box.apply("directory", params)).isInstanceOf(Outcome.Unchanged.class);
    assertThat(box.apply("directory", "{'path':'/srv/app/data','mode':'0700'}").message())
        .isEqualTo("set mode 0750 → 0700");
  }

  @Test
  void directoryFailsOnAFileAndOnBadParameters() throws Exception {
    Files.writeString(root.resolve("f"), "x");
    assertThat(box.apply("directory", "{'path':'/f'}").message()).contains("not a directory");
    assertThat(box.apply("directory", "{}").message()).contains("missing parameter 'path'");
    assertThat(box.apply("directory", "{'path':'/d','target':'x'}").message())
        .contains("unknown parameter 'target'");
  }

  @Test
  void directoryThroughAnEscapingSymlinkStaysInside() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(root.resolve("link"), outside);
    box.apply("directory", "{'path':'/link/made'}");
    assertThat(outside.resolve("made")).doesNotExist();
    assertThat(root.resolve(outside.toString().substring(1)).resolve("made")).isDirectory();
  }

  @Test
  void fileAbsentRemovesThenIsUnchanged() throws Exception {
    Files.writeString(root.resolve("gone"), "x");
    assertThat(box.dryRun("file.absent", "{'path':'/gone'}").message()).startsWith("would remove");
    assertThat(root.resolve("gone")).exists();
    assertThat(box.apply("file.absent", "{'path':'/gone'}")).isInstanceOf(Outcome.Changed.class);
    assertThat(root.resolve("gone")).doesNotExist();
    assertThat(box.apply("file.absent", "{'path':'/gone'}")).isInstanceOf(Outcome.Unchanged.class);
    assertThat(box.apply("file.absent", "{}").message()).contains("missing parameter 'path'");
  }

  @Test
  void fileAbsentRemovesALinkNotItsTarget() throws Exception {
    Path outside = Files.writeString(tmp.resolve("precious"), "keep");
    Files.createSymbolicLink(root.resolve("link"), outside);
    box.apply("file.absent", "{'path':'/link'}");
    assertThat(outside).exists();
    assertThat(root.resolve("link")).doesNotExist();
    assertThat(box.apply("file.absent", "{'path':'/../..'}").message()).contains("root");
  }

  @Test
  void symlinkCreatesRepointsAndIsIdempotent() throws Exception {
    String params = "{'path':'/current','target':'/srv/v1'}";
    assertThat(box.dryRun("symlink", params)).isInstanceOf(Outcome.Changed.class);
    assertThat(Files.exists(root.resolve("current"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    assertThat(box.apply("symlink", params)).isInstanceOf(Outcome.Changed.class);
    assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("/srv/v1"));
    assertThat(box.apply("symlink", params)).isInstanceOf(Outcome.Unchanged.class);
    Outcome re = box.apply("symlink", "{'path':'/current','target':'/srv/v2'}");
    assertThat(re.message()).contains("was /srv/v1");
    assertThat(Files.readSymbolicLink(root.resolve("current"))).isEqualTo(Path.of("/srv/v2"));
    assertThat(box.apply("symlink", "{'path':'/x'}").message())
        .contains("missing parameter 'target'");
  }

  @Test
  void symlinkRefusesToReplaceAFile() throws Exception {
    Files.writeString(root.resolve("file"), "x");
    assertThat(box.apply("symlink", "{'path':'/file','target':'/y'}"))
        .isInstanceOf(Outcome.Failed.class);
  }

  @Test
  void unknownActionFails() {
    assertThat(box.apply("file.teleport", "{}").message())
        .contains("unknown action 'file.teleport'");
  }
}
