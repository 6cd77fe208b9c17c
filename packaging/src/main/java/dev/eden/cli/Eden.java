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
      ReconcilerCommand.class,
      GetCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Eden {

  /** Exit code for usage errors (bad flags, missing arguments). */
  public static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Eden());
    cli.setExitCodeExceptionMapper(e -> 1);
    cli.setParameterExceptionHandler(
        (ex, argv) -> {
          ex.getCommandLine().getErr().println("eden: " + ex.getMessage());
          ex.getCommandLine().getErr().println("Run 'eden help' for usage.");
          return EXIT_USAGE;
        });
    return cli;
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
