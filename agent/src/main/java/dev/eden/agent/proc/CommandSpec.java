package dev.eden.agent.proc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command to run: argv (no shell unless argv says so), working folder, extra environment and a
 * timeout ({@link Duration#ZERO} = none).
 */
public record CommandSpec(List<String> argv, Path cwd, Map<String, String> env, Duration timeout) {

  public CommandSpec {
    argv = List.copyOf(argv);
    env = Map.copyOf(env);
  }

  /** {@code /bin/sh -c script}. */
  public static CommandSpec shell(String script, Path cwd, Map<String, String> env, Duration t) {
    return new CommandSpec(List.of("/bin/sh", "-c", script), cwd, env, t);
  }

  public static CommandSpec of(String... argv) {
    return new CommandSpec(List.of(argv), null, Map.of(), Duration.ZERO);
  }

  public CommandSpec withEnv(Map<String, String> extra) {
    var merged = new HashMap<>(env);
    merged.putAll(extra);
    return new CommandSpec(argv, cwd, merged, timeout);
  }
}
