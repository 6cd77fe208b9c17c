package dev.eden.cli;

import com.google.protobuf.Struct;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eden plan}: the compiled plan of one node, offline, from a checkout. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Print the compiled plan of one node, offline, from a checkout.")
final class PlanCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    yaml,
    json
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--repo",
      required = true,
      description = "Checkout of the desired-state repository.")
  Path repo;

  @Option(names = "--node", required = true, description = "The node to compile for.")
  String node;

  @Option(
      names = "--labels",
      split = ",",
      description = "The node's labels, as its agent would give them (k=v,...).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--facts", description = "The node's facts (YAML or JSON file).")
  Path facts;

  @Option(names = "--explain", description = "Also show every variable and where it came from.")
  boolean explain;

  @Option(
      names = {"-o", "--output"},
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format output = Format.yaml;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Struct nodeFacts = readFacts();
    LocalRepository.Compiled compiled = new LocalRepository(repo).compile(node, labels, nodeFacts);
    if (compiled instanceof LocalRepository.Compiled.Errors e) {
      LocalRepository.print(e.errors(), err);
      return 1;
    }
    LocalRepository.Compiled.Plan result = (LocalRepository.Compiled.Plan) compiled;
    NodePlan plan = result.plan();
    out.print(output == Format.json ? MachineOutput.json(plan) + "\n" : yaml(plan));
    if (explain) {
      out.println();
      out.print(
          ExplainTable.render(
              new Compiler()
                  .explain(
                      result.revision(), List.of(new NodeInput(node, labels, nodeFacts)), node)));
    }
    out.flush();
    return 0;
  }

  private Struct readFacts() throws IOException {
    return facts == null ? Struct.getDefaultInstance() : FactsFiles.read(facts);
  }

  /** The plan as block-style YAML (through its JSON form, so field names match {@code -o json}). */
  private static String yaml(NodePlan plan) {
    String json = MachineOutput.json(plan);
    Object tree = new Load(LoadSettings.builder().build()).loadFromString(json);
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setSchema(new CoreSchema()) // so that "0644" stays quoted
            .setWidth(100)
            .build();
    return new Dump(settings).dumpToString(tree);
  }
}
