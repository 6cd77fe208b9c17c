package dev.eden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package as a node gets it: the tarball and the .deb this build made, unpacked into a temp
 * folder and run through their own {@code bin/eden} with no {@code JAVA_HOME} and a {@code PATH}
 * that holds no {@code java} — and what the launcher does when its runtime image or its CDS archive
 * does not match.
 */
class LauncherIT {

  /** What bin/eden runs besides java; the PATH of these tests holds only these. */
  private static final List<String> TOOLS =
      List.of("sh", "readlink", "dirname", "wc", "tr", "grep", "mkdir", "rm", "head", "uname");

  @TempDir Path work;

  @Test
  void theTarballsRuntimeRunsVersionWithoutASystemJava() throws Exception {
    Path home = unpackTarball();
    Run run = eden(home, Map.of("EDEN_JAVA_OPTS", "-XshowSettings:properties"), "--version");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("eden " + version() + "\n");
    assertThat(run.err()).contains("java.home = " + home.resolve("runtime"));
  }

  @Test
  void theDebsRuntimeRunsVersionWithoutASystemJava() throws Exception {
    Path deb = Path.of(System.getProperty("eden.deb"));
    assertThat(deb).exists();
    Path root = Files.createDirectories(work.resolve("deb"));
    Run unpack = run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Map.of(), null);
    assertThat(unpack.code()).as(unpack.err()).isZero();
    Path home = root.resolve("usr/share/eden");
    assertThat(home.resolve("runtime/bin/java")).isExecutable();
    Run run = eden(home, Map.of("EDEN_JAVA_OPTS", "-XshowSettings:properties"), "--version");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("eden " + version() + "\n");
    assertThat(run.err()).contains("java.home = " + home.resolve("runtime"));
  }

  @Test
  void aDamagedRuntimeIsLeftOutForTheSystemJavaAndSaidOnce() throws Exception {
    Path home = unpackTarball();
    Files.write(home.resolve("runtime/lib/modules"), new byte[] {1, 2, 3});
    Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"));
    Run first = eden(home, env, "--version");
    Run second = eden(home, env, "--version");
    assertThat(first.code()).isZero();
    assertThat(first.out()).isEqualTo("eden " + version() + "\n");
    assertThat(first.err()).contains("the Java runtime in " + home.resolve("runtime"));
    assertThat(second.code()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.err()).doesNotContain("runtime");
  }

  @Test
  void aMovedOrDamagedArchiveIsLeftOutSaidOnceAndMadeAgain() throws Exception {
    Path home = unpackTarball(); // moved: the archive was made in the build's folder
    Run moved = eden(home, Map.of(), "validate", home.resolve("sample-repo").toString());
    assertThat(moved.code()).as(moved.err()).isZero();
    assertThat(moved.err()).contains("start-up archive");
    Run remade = eden(home, Map.of(), "validate", home.resolve("sample-repo").toString());
    assertThat(remade.code()).isZero();
    assertThat(remade.err()).doesNotContain("start-up archive");
    assertThat(remade.out()).isEqualTo(moved.out());

    Path jsa = home.resolve("lib/eden.jsa");
    Files.writeString(jsa, "not an archive");
    Run damaged = eden(home, Map.of(), "--version");
    assertThat(damaged.code()).isZero();
    assertThat(damaged.out()).isEqualTo("eden " + version() + "\n");
  }

  @Test
  void anArchiveOfTheWrongSizeIsNotUsed() throws Exception {
    Path home = unpackTarball();
    Path java = home.resolve("runtime/bin/java").toRealPath();
    Files.writeString(home.resolve("lib/eden.jsa"), "truncated");
    Files.writeString(home.resolve("lib/eden.jsa.id"), home + " " + java + "\n15000000\n");
    Run run = eden(home, Map.of(), "--version");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("eden " + version() + "\n");
    assertThat(run.err()).contains("start-up archive " + home.resolve("lib/eden.jsa"));
  }

  private Path unpackTarball() throws IOException, InterruptedException {
    Path tarball = Path.of(System.getProperty("eden.tarball"));
    assertThat(tarball).exists();
    Path into = Files.createTempDirectory(work, "tar");
    Run unpack =
        run(List.of("tar", "-xzf", tarball.toString(), "-C", into.toString()), Map.of(), null);
    assertThat(unpack.code()).as(unpack.err()).isZero();
    return into.resolve("eden-" + version());
  }

  private static String version() {
    String dist = Path.of(System.getProperty("eden.dist")).getFileName().toString();
    return dist.substring("eden-".length());
  }

  /** bin/eden of {@code home}, with a PATH of {@link #TOOLS} only, no JAVA_HOME, HOME in work. */
  private Run eden(Path home, Map<String, String> extra, String... args)
      throws IOException, InterruptedException {
    Path bin = work.resolve("path");
    if (!Files.isDirectory(bin)) {
      Files.createDirectories(bin);
      for (String tool : TOOLS) {
        Path real = which(tool);
        Files.createSymbolicLink(bin.resolve(tool), real);
      }
    }
    Map<String, String> env = new HashMap<>(extra);
    env.put("PATH", bin.toString());
    env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/eden").toString()));
    command.addAll(List.of(args));
    return run(command, env, work);
  }

  private static Path which(String tool) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(tool + " is not in /usr/bin or /bin");
  }

  record Run(int code, String out, String err) {}

  static Run run(List<String> command, Map<String, String> env, Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    if (!env.isEmpty() && env.containsKey("PATH")) {
      pb.environment().clear();
    }
    pb.environment().putAll(env);
    Path out = Files.createTempFile("eden-out", ".txt");
    Path err = Files.createTempFile("eden-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    Run run =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return run;
  }
}
