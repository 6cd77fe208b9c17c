package dev.eden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code eden} command: every subcommand of both sides of the system, listed in {@link
 * Subcommands} and given to picocli only when the command line can reach them.
 */
@Command(
    name = "eden",
    mixinStandardHelpOptions = true,
    versionProvider = Eden.Version.class,
    description = "GitOps configuration manager for Linux hosts.")
public final class Eden {

  /** Exit code for usage errors (bad flags, missing arguments). */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // what picocli prints for --version, without building a command model (nor bootstrapping
      // an indy string concatenation) first
      System.out.println(new StringBuilder("eden ").append(version()));
      System.exit(0);
    }
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
    // the one SLF4J provider on the class path, named: no ServiceLoader scan of every jar
    System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
  }

  /** Runs the command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The command line with every subcommand. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Eden());
    Subcommands.all().forEach(cli::addSubcommand);
    return handled(cli);
  }

  /**
   * The command line with only the subcommands {@code args} can reach (see {@link Subcommands}).
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Eden());
    Subcommands.register(cli, args);
    return handled(cli);
  }

  /** Exit codes and error handling for the whole hierarchy (set after the subcommands are in). */
  private static CommandLine handled(CommandLine cli) {
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
  static String version() {
    String v = Eden.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** {@link #version()} for picocli's {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"eden " + version()};
    }
  }
}
