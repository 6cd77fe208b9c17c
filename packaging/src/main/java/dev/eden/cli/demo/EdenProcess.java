package dev.eden.cli.demo;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An {@code eden} subcommand running as its own process, with its output in a log file. Used by the
 * demo and the end-to-end tests: the same JVM and class path as this one.
 */
public final class EdenProcess implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Path log;
  private final Map<String, String> env;
  private Process process;

  private EdenProcess(String name, List<String> command, Path log, Map<String, String> env) {
    this.name = name;
    this.command = command;
    this.log = log;
    this.env = env;
  }

  /** Starts {@code eden args...}; stdout and stderr go to {@code log}. */
  public static EdenProcess start(String name, Path log, List<String> javaOptions, String... args)
      throws IOException {
    return start(name, log, javaOptions, Map.of(), args);
  }

  /**
   * Starts {@code eden args...} with {@code env} added to this process's environment (secrets such
   * as {@code EDEN_ENROLL_TOKEN} go there, not on the command line where {@code ps} shows them).
   */
  public static EdenProcess start(
      String name, Path log, List<String> javaOptions, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(javaOptions);
    String home = System.getProperty("eden.home");
    if (home != null) {
      cmd.add("-Deden.home=" + home);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.eden.cli.Eden");
    cmd.addAll(List.of(args));
    EdenProcess p = new EdenProcess(name, List.copyOf(cmd), log, Map.copyOf(env));
    p.restart();
    return p;
  }

  /** Starts the same command again (after {@link #kill()}), appending to the same log. */
  public void restart() throws IOException {
    File logFile = log.toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile));
    builder.environment().putAll(env);
    process = builder.start();
  }

  /** A loopback port free right now, for an eden process to listen on. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to exit and returns its exit code. */
  public int waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    if (!process.waitFor(timeout, unit)) {
      throw new IllegalStateException(name + " did not exit within " + timeout + " " + unit);
    }
    return process.exitValue();
  }

  /** {@code kill -9}: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** A polite stop (SIGTERM), then {@code kill -9} after five seconds. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
