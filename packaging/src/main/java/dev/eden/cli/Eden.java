package dev.eden.cli;

import dev.eden.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code eden} command: every subcommand of both sides of the system. */
@Command(
    name = "eden",
    mixinStandardHelpOptions = true,
    versionProvider = Eden.Version.class,
    description = "GitOps configuration manager for Linux hosts.",
    subcommands = {
      ValidateCommand.class,
      ReconcilerCommand.class,
      AgentCommand.class,
      GetCommand.class,
      RunCommand.class,
      ApproveCommand.class,
      TokenCommand.class,
      NodesCommand.class,
      ConfigCommand.class,
      PlanCommand.class,
      DiffCommand.class,
      ApplyCommand.class,
      CdsTrainingCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Eden {

  /** Exit code for usage errors (bad flags, missing arguments). */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    configureLogging(args);
    System.exit(run(args));
  }

  /**
   * Daemons ({@code reconciler}, {@code agent}) log each event at INFO with a timestamp; one-shot
   * commands only warn, so their output stays what a person asked for. {@code EDEN_LOG_LEVEL}
   * overrides both.
   */
  static void configureLogging(String[] args) {
    boolean daemon = args.length > 0 && (args[0].equals("reconciler") || args[0].equals("agent"));
    String level = System.getenv().getOrDefault("EDEN_LOG_LEVEL", daemon ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
  }

  /** Runs the command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Eden());
    cli.setExitCodeExceptionMapper(e -> 1);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("eden: " + describe(ex));
          if (System.getenv("EDEN_DEBUG") != null) {
            ex.printStackTrace(commandLine.getErr());
          }
          return 1;
        });
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          ex.getCommandLine().getErr().println("eden: " + ex.getMessage());
          ex.getCommandLine().getErr().println("Run 'eden help' for usage.");
          return EXIT_USAGE;
        });
    return cli;
  }

  /** An error as one line: its message, and its causes' where they add something. */
  static String describe(Throwable ex) {
    StringBuilder text = new StringBuilder(String.valueOf(ex.getMessage()));
    for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
      if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
        text.append(": ").append(c.getMessage());
      }
    }
    return text.toString();
  }

  /** The version from the jar manifest, or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Eden.class.getPackage().getImplementationVersion();
      return new String[] {"eden " + (v == null ? "dev" : v)};
    }
  }
}
