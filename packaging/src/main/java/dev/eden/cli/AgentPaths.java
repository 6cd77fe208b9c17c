package dev.eden.cli;

import java.nio.file.Path;

/** Where an agent keeps its state when {@code --data-dir} is not given. */
final class AgentPaths {
  static final Path HOST_DATA_DIR = Path.of("/var/lib/eden/agent");

  private AgentPaths() {}

  /** {@code /var/lib/eden/agent}, inside the root when one is set (one state per sandbox). */
  static Path defaultDataDir(Path root) {
    return root.getParent() == null
        ? HOST_DATA_DIR
        : root.resolve(HOST_DATA_DIR.toString().substring(1));
  }
}
