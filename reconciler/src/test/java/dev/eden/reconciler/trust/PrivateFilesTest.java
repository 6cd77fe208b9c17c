package dev.eden.reconciler.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

  @TempDir Path tmp;

  @Test
  void aNewDataDirIsReadableByItsOwnerOnly() throws Exception {
    Path data = tmp.resolve("var/lib/eden");
    Trust.open(TrustOptions.defaults(data), Clock.systemUTC(), AuditSink.logging()).close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
  }

  @Test
  void anExistingDirectoryIsLeftAsTheOperatorMadeIt() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("shared"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
    assertThat(PrivateFiles.privateDirectory(data)).isEqualTo(data);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwxr-x---");
  }
}
