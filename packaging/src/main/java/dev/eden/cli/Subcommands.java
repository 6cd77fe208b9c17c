package dev.eden.cli;

import dev.eden.cli.demo.DemoCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Every subcommand of {@code eden}, by name: the one list to extend when a subcommand is added (one
 * line: its name, as in its {@code @Command(name = ...)}, and its class; {@code SubcommandsTest}
 * checks that the two agree).
 *
 * <p>Picocli builds a command's model by reflection, and building one loads the classes its options
 * name. So a command line that names a subcommand gets only that one: {@code eden apply} never
 * builds, nor loads what is behind, {@code eden reconciler}. {@code eden help}, {@code eden
 * --help}, a bare {@code eden} and a name that is not a subcommand get them all, so usage and help
 * list every one, in this order.
 */
final class Subcommands {

  private static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("validate", ValidateCommand.class);
    ALL.put("reconciler", ReconcilerCommand.class);
    ALL.put("agent", AgentCommand.class);
    ALL.put("get", GetCommand.class);
    ALL.put("run", RunCommand.class);
    ALL.put("approve", ApproveCommand.class);
    ALL.put("token", TokenCommand.class);
    ALL.put("bundle", BundleCommand.class);
    ALL.put("nodes", NodesCommand.class);
    ALL.put("config", ConfigCommand.class);
    ALL.put("plan", PlanCommand.class);
    ALL.put("diff", DiffCommand.class);
    ALL.put("apply", ApplyCommand.class);
    ALL.put("cds-training", CdsTrainingCommand.class);
    ALL.put("demo", DemoCommand.class);
    ALL.put("help", CommandLine.HelpCommand.class);
  }

  private Subcommands() {}

  /** Every subcommand, by name, in the order {@code eden help} lists them. */
  static Map<String, Class<?>> all() {
    return ALL;
  }

  /** Adds to {@code cli} the subcommands that {@code args} can reach (see the class comment). */
  static void register(CommandLine cli, String... args) {
    Optional<String> named = named(args);
    if (named.isPresent() && !named.get().equals("help") && ALL.containsKey(named.get())) {
      cli.addSubcommand(named.get(), ALL.get(named.get()));
    } else if (!onlyVersion(args)) {
      ALL.forEach(cli::addSubcommand);
    }
  }

  /**
   * The subcommand's name: the first argument that is not an option ({@code eden}'s own options,
   * {@code -h} and {@code -V}, take no value).
   */
  static Optional<String> named(String... args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        return Optional.of(arg);
      }
    }
    return Optional.empty();
  }

  /** {@code eden --version} (or {@code -V}) and nothing else. */
  static boolean onlyVersion(String... args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }
}
