package dev.eden.cli;

import com.google.protobuf.Struct;
import dev.eden.agent.exec.ApplyOptions;
import dev.eden.agent.exec.Executor;
import dev.eden.agent.exec.Reports;
import dev.eden.agent.facts.FactsCollector;
import dev.eden.agent.proc.ProcessRunner;
import dev.eden.agent.report.RunPrinter;
import dev.eden.agent.state.LocalState;
import dev.eden.proto.RunReport;
import dev.eden.proto.RunTrigger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eden apply}: masterless, like {@code puppet apply} or {@code salt-call --local}. Compiles
 * this node's plan from a local checkout with the reconciler's compiler and applies it here.
 */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Compile this node's plan from a local checkout and apply it here (masterless).",
      "Exit 0 when every step succeeded, 1 when the repository does not compile,"
          + " 2 when a step failed."
    })
final class ApplyCommand implements Callable<Integer> {
  static final int EXIT_STEP_FAILED = 2;

  @Option(names = "--repo", required = true, description = "The checkout to compile.")
  Path repo;

  @Option(names = "--node", required = true, description = "This node's name.")
  String node;

  @Option(
      names = "--labels",
      split = ",",
      paramLabel = "k=v",
      description = "This node's labels, k=v,k2=v2 (added to those of its Node object).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--root", description = "Act inside DIR as if it were / (default: /).")
  Path root = Path.of("/");

  @Option(names = "--dry-run", description = "Say what would change; change nothing.")
  boolean dryRun;

  @Option(
      names = "--data-dir",
      description =
          "Where runs are remembered (default: $XDG_STATE_HOME/eden/apply/NODE,"
              + " ~/.local/state/eden/apply/NODE).")
  Path dataDir;

  @Option(
      names = {"-o", "--output"},
      description = "human (default) or json.")
  String output = "human";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path data = dataDir != null ? dataDir : defaultDataDir(node);
    Struct facts = FactsCollector.system(Optional.of(data), new ProcessRunner()).collect();
    LocalRepository.Compiled compiled = new LocalRepository(repo).compile(node, labels, facts);
    if (compiled instanceof LocalRepository.Compiled.Errors e) {
      LocalRepository.print(e.errors(), err);
      return 1;
    }
    var plan = ((LocalRepository.Compiled.Plan) compiled).plan();
    ApplyOptions options =
        ApplyOptions.defaults()
            .withRoot(root)
            .withDryRun(dryRun)
            .withFacts(facts)
            .withTrigger(RunTrigger.RUN_TRIGGER_APPLY)
            .withParallelism(Runtime.getRuntime().availableProcessors());
    Files.createDirectories(root);
    RunReport report;
    try (LocalState state = LocalState.open(data)) {
      report = Executor.withState(state, Clock.systemUTC()).apply(plan, options);
    }
    out.print("json".equals(output) ? RunPrinter.json(report) : RunPrinter.human(report));
    int[] counts = Reports.counts(report.getStepsList());
    if (!"json".equals(output)) {
      // Ansible's recap shape: ok counts every step that succeeded, changed or not
      out.printf(
          "%s: ok=%d changed=%d failed=%d skipped=%d%n",
          node, counts[0] + counts[1], counts[0], counts[2], counts[3]);
    }
    out.flush();
    return counts[2] > 0 ? EXIT_STEP_FAILED : 0;
  }

  static Path defaultDataDir(String node) {
    String state = System.getenv("XDG_STATE_HOME");
    Path base =
        state != null && !state.isBlank()
            ? Path.of(state)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("eden").resolve("apply").resolve(node);
  }
}
