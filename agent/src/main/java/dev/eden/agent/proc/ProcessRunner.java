package dev.eden.agent.proc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs real processes. A command with a timeout starts in its own session and process group ({@code
 * setsid}), so the timeout kills it and everything it started; one without a timeout saves that
 * extra exec. Output goes to temporary files rather than pipes: a background child that keeps the
 * pipe open can never hang the agent, and only the first {@link #CAPTURE_LIMIT} bytes of each
 * stream are read back.
 */
public final class ProcessRunner implements CommandRunner {
  public static final int CAPTURE_LIMIT = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Path DEV_NULL = Path.of("/dev/null");

  @Override
  public CommandResult run(CommandSpec spec) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("eden-cmd", ".out");
      err = Files.createTempFile("eden-cmd", ".err");
      Process p = start(spec, out, err);
      boolean timedOut = !waitFor(p, spec);
      if (timedOut) {
        killGroup(p);
      }
      int code = timedOut ? -1 : p.exitValue();
      return new CommandResult(code, head(out), head(err), timedOut);
    } catch (IOException e) {
      throw new CommandException("cannot run " + spec.argv().get(0) + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static Process start(CommandSpec spec, Path out, Path err) throws IOException {
    List<String> argv = new ArrayList<>();
    if (!spec.timeout().isZero() && Files.isExecutable(SETSID)) {
      argv.add(SETSID.toString());
    }
    argv.addAll(spec.argv());
    ProcessBuilder pb = new ProcessBuilder(argv);
    if (spec.cwd() != null) {
      pb.directory(spec.cwd().toFile());
    }
    pb.environment().putAll(spec.env());
    pb.redirectInput(DEV_NULL.toFile());
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    return pb.start();
  }

  private static boolean waitFor(Process p, CommandSpec spec) {
    try {
      if (spec.timeout().isZero()) {
        p.waitFor();
        return true;
      }
      return p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killGroup(p);
      return false;
    }
  }

  /**
   * Kills the process group led by {@code p} (setsid made its pid the group id), then stragglers.
   */
  static void killGroup(Process p) {
    List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid()).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.warn("event=kill-group-failed pid={} error={}", p.pid(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    family.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("event=command-killed pid={} descendants={}", p.pid(), family.size());
  }

  private static String head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(CAPTURE_LIMIT);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p == null) {
      return;
    }
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.debug("event=temp-delete-failed path={}", p);
    }
  }
}
