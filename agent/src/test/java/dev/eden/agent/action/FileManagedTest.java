package dev.eden.agent.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileManagedTest {
  @TempDir Path root;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(root.resolve("etc"));
    box = new Sandbox(root);
  }

  @Test
  void firstApplyCreatesThenSecondReportsUnchanged() throws Exception {
    String params = "{'path':'/etc/motd','content':'hello\\n','mode':'0640'}";
    Outcome first = box.apply("file.managed", params);
    assertThat(first).isInstanceOf(Outcome.Changed.class);
    assertThat(first.diff()).contains("+hello");
    assertThat(first.output()).isEqualTo("hello\n");
    Path motd = root.resolve("etc/motd");
    assertThat(Files.readString(motd)).isEqualTo("hello\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(motd)))
        .isEqualTo("rw-r-----");
    assertThat(box.apply("file.managed", params)).isInstanceOf(Outcome.Unchanged.class);
  }

  @Test
  void updateShowsABoundedUnifiedDiffAndKeepsTheMode() throws Exception {
    Path f = root.resolve("etc/app.conf");
    Files.writeString(f, "a\nb\nc\nd\ne\nf\ng\nh\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    Outcome o =
        box.apply(
            "file.managed",
            "{'path':'/etc/app.conf','content':'a\\nb\\nc\\nD\\ne\\nf\\ng\\nh\\n'}");
    assertThat(o).isInstanceOf(Outcome.Changed.class);
    assertThat(o.diff())
        .isEqualTo(
            "--- /etc/app.conf\n+++ /etc/app.conf\n@@ -1,7 +1,7 @@\n"
                + " a\n b\n c\n-d\n+D\n e\n f\n g\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    assertThat(Files.list(root.resolve("etc"))).hasSize(1);
  }

  @Test
  void bigDiffIsTruncated() throws Exception {
    Path f = root.resolve("etc/big");
    Files.writeString(f, "x\n".repeat(1000));
    Outcome o =
        box.apply("file.managed", "{'path':'/etc/big','content':'" + "y\\n".repeat(1000) + "'}");
    assertThat(o.diff().lines().count()).isLessThanOrEqualTo(UnifiedDiff.MAX_LINES + 2);
    assertThat(o.diff()).endsWith("… diff truncated\n");
  }

  @Test
  void largeFilesAreComparedByDigestAndGetNoDiff() throws Exception {
    String big = "z".repeat(100 * 1024);
    Path f = root.resolve("etc/huge");
    Files.writeString(f, big);
    String same = "{'path':'/etc/huge','content':'" + big + "'}";
    assertThat(box.apply("file.managed", same)).isInstanceOf(Outcome.Unchanged.class);
    Outcome smaller = box.apply("file.managed", "{'path':'/etc/huge','content':'small'}");
    assertThat(smaller).isInstanceOf(Outcome.Changed.class);
    assertThat(smaller.diff()).isEmpty();
    assertThat(Files.readString(f)).isEqualTo("small");
  }

  @Test
  void sensitiveFilesHaveNoDiffAndNoOutput() {
    Outcome o =
        box.apply("file.managed", "{'path':'/etc/key','content':'s3cret','sensitive':true}");
    assertThat(o).isInstanceOf(Outcome.Changed.class);
    assertThat(o.diff()).isEmpty();
    assertThat(o.output()).isEmpty();
    assertThat(o.message()).doesNotContain("s3cret");
  }

  @Test
  void dryRunChangesNothing() {
    Outcome o = box.dryRun("file.managed", "{'path':'/etc/motd','content':'hi'}");
    assertThat(o).isInstanceOf(Outcome.Changed.class);
    assertThat(o.message()).startsWith("would create");
    assertThat(root.resolve("etc/motd")).doesNotExist();
  }

  @Test
  void modeOnlyChangeIsApplied() throws Exception {
    Path f = root.resolve("etc/m");
    Files.writeString(f, "x");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw-rw-"));
    Outcome o =
        box.apply("file.managed", "{'path':'/etc/m','content':'x','mode':'0600','owner':'root'}");
    assertThat(o.message()).isEqualTo("set mode 0666 → 0600");
    assertThat(o.diff()).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
  }

  @Test
  void copiesASourceOnTheNode() throws Exception {
    Files.writeString(root.resolve("etc/src"), "from source");
    String params = "{'path':'/etc/dst','source':'/etc/src'}";
    assertThat(box.apply("file.managed", params)).isInstanceOf(Outcome.Changed.class);
    assertThat(Files.readString(root.resolve("etc/dst"))).isEqualTo("from source");
    assertThat(box.apply("file.managed", params)).isInstanceOf(Outcome.Unchanged.class);
  }

  @Test
  void replacesASymlinkInsteadOfWritingThroughIt() throws Exception {
    Path outside = Files.createTempFile("eden-outside", ".txt");
    try {
      Files.createSymbolicLink(root.resolve("etc/link"), outside);
      box.apply("file.managed", "{'path':'/etc/link','content':'inside'}");
      assertThat(Files.readString(outside)).isEmpty();
      assertThat(Files.isSymbolicLink(root.resolve("etc/link"))).isFalse();
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void badParametersFailClearly() {
    assertThat(box.apply("file.managed", "{'content':'x'}").message())
        .isEqualTo("file.managed: missing parameter 'path'");
    assertThat(box.apply("file.managed", "{'path':'/etc/x'}").message())
        .contains("exactly one of 'content' or 'source'");
    assertThat(
            box.apply("file.managed", "{'path':'/etc/x','content':'x','colour':'red'}").message())
        .contains("unknown parameter 'colour'");
    assertThat(box.apply("file.managed", "{'path':'/etc/x','content':'x','mode':'rw'}").message())
        .contains("octal mode");
    assertThat(box.apply("file.managed", "{'path':'etc/x','content':'x'}").message())
        .contains("absolute");
    assertThat(box.apply("file.managed", "{'path':'/etc/x','content':'x','owner':'nosuchuser'}"))
        .isInstanceOf(Outcome.Failed.class);
    assertThat(box.apply("file.managed", "{'path':'/nodir/x','content':'x'}").message())
        .contains("parent directory");
    assertThat(root.resolve("etc/x")).doesNotExist();
  }
}
