package dev.eden.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How an agent runs.
 *
 * @param name the node's name
 * @param labels static labels sent on registration
 * @param root the folder that acts as {@code /} for every action
 * @param dryRun report what would change, change nothing
 * @param interval how often the cached plan is applied again (drift correction)
 * @param backoffInitial first reconnect delay
 * @param backoffMax longest reconnect delay
 * @param callDeadline deadline of each unary call to the reconciler
 */
public record AgentConfig(
    String name,
    Map<String, String> labels,
    Path root,
    boolean dryRun,
    Duration interval,
    Duration backoffInitial,
    Duration backoffMax,
    Duration callDeadline) {

  public AgentConfig {
    labels = Map.copyOf(labels);
  }

  /** Defaults: host root, 30 min interval, 1 s → 60 s backoff, 30 s deadline. */
  public static AgentConfig of(String name) {
    return new AgentConfig(
        name,
        Map.of(),
        Path.of("/"),
        false,
        Duration.ofMinutes(30),
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        Duration.ofSeconds(30));
  }

  public AgentConfig withLabels(Map<String, String> l) {
    return new AgentConfig(
        name, l, root, dryRun, interval, backoffInitial, backoffMax, callDeadline);
  }

  public AgentConfig withRoot(Path r) {
    return new AgentConfig(
        name, labels, r, dryRun, interval, backoffInitial, backoffMax, callDeadline);
  }

  public AgentConfig withDryRun(boolean d) {
    return new AgentConfig(
        name, labels, root, d, interval, backoffInitial, backoffMax, callDeadline);
  }

  public AgentConfig withInterval(Duration i) {
    return new AgentConfig(name, labels, root, dryRun, i, backoffInitial, backoffMax, callDeadline);
  }

  public AgentConfig withBackoff(Duration initial, Duration max) {
    return new AgentConfig(name, labels, root, dryRun, interval, initial, max, callDeadline);
  }
}
