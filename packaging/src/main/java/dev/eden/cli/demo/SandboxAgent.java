package dev.eden.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An agent process on this machine acting inside its own sandbox, in the layout the demo, the
 * end-to-end tests and the benchmarks share: {@code <work>/nodes/<name>/data} (its state and key),
 * {@code <work>/nodes/<name>/root} (its {@code --root}) and {@code <work>/logs/<name>.log}.
 */
public record SandboxAgent(Path work, String name, String labels) {

  /** Small-footprint JVM options for an agent. */
  public static final List<String> JVM =
      List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

  public Path root() {
    return work.resolve("nodes").resolve(name).resolve("root");
  }

  public Path dataDir() {
    return work.resolve("nodes").resolve(name).resolve("data");
  }

  public Path log() {
    return work.resolve("logs").resolve(name + ".log");
  }

  /** True once the agent holds a certificate (enrolled on an earlier start). */
  public boolean enrolled() {
    return Files.exists(dataDir().resolve("pki/node.crt"));
  }

  /**
   * Starts {@code eden agent} against {@code 127.0.0.1:grpcPort}. Until the node is enrolled, a
   * token from {@code token} goes in {@code EDEN_ENROLL_TOKEN} (not on the command line).
   */
  public EdenProcess start(int grpcPort, String interval, Supplier<String> token, String... extra)
      throws IOException {
    Files.createDirectories(root());
    Files.createDirectories(log().getParent());
    List<String> args =
        new ArrayList<>(
            List.of(
                "agent",
                "--server",
                "127.0.0.1:" + grpcPort,
                "--name",
                name,
                "--labels",
                labels,
                "--data-dir",
                dataDir().toString(),
                "--root",
                root().toString(),
                "--interval",
                interval));
    args.addAll(List.of(extra));
    Map<String, String> env = enrolled() ? Map.of() : Map.of("EDEN_ENROLL_TOKEN", token.get());
    return EdenProcess.start(name, log(), JVM, env, args.toArray(String[]::new));
  }
}
