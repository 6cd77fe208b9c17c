package dev.eden.agent.proc;

/** Runs commands on the node. Actions get one injected, so tests can see what they would run. */
@FunctionalInterface
public interface CommandRunner {

  /**
   * Runs {@code spec} to the end or its timeout.
   *
   * @throws CommandException when the command cannot be started at all
   */
  CommandResult run(CommandSpec spec);
}
