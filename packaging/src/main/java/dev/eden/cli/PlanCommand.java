package dev.eden.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.CompileResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    SourceTree tree = SourceTree.ofDirectory(repo);
    LoadResult loaded = ManifestLoader.load(tree);
    if (!loaded.ok()) {
      loaded.errors().forEach(err::println);
      return 1;
    }
    Revision revision = new Revision("local@" + repo, loaded.objects(), tree);
    List<NodeInput> nodes = List.of(new NodeInput(node, labels, readFacts()));
    Compiler compiler = new Compiler();
    CompileResult result = compiler.compile(revision, nodes);
    List<Diagnostic> problems = new ArrayList<>(result.errors());
    problems.addAll(result.nodeErrors().getOrDefault(node, List.of()));
    if (!problems.isEmpty()) {
      problems.stream().distinct().sorted().forEach(err::println);
      return 1;
    }
    NodePlan plan = result.plans().get(node);
    out.print(output == Format.json ? JsonFormat.printer().print(plan) + "\n" : yaml(plan));
    if (explain) {
      out.println();
      out.print(ExplainTable.render(compiler.explain(revision, nodes, node)));
    }
    out.flush();
    return 0;
  }

  private Struct readFacts() throws IOException {
    if (facts == null) {
      return Struct.getDefaultInstance();
    }
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(facts));
    if (!(doc instanceof Map<?, ?>)) {
      throw new IOException(facts + ": facts must be a mapping");
    }
    return toValue(doc).getStructValue();
  }

  private static Value toValue(Object plain) {
    Value.Builder v = Value.newBuilder();
    if (plain == null) {
      v.setNullValue(NullValue.NULL_VALUE);
    } else if (plain instanceof Boolean b) {
      v.setBoolValue(b);
    } else if (plain instanceof Number n) {
      v.setNumberValue(n.doubleValue());
    } else if (plain instanceof Map<?, ?> m) {
      Struct.Builder s = Struct.newBuilder();
      m.forEach((k, x) -> s.putFields(String.valueOf(k), toValue(x)));
      v.setStructValue(s);
    } else if (plain instanceof List<?> l) {
      ListValue.Builder lv = ListValue.newBuilder();
      l.forEach(x -> lv.addValues(toValue(x)));
      v.setListValue(lv);
    } else {
      v.setStringValue(plain.toString());
    }
    return v.build();
  }

  /** The plan as block-style YAML (through its JSON form, so field names match {@code -o json}). */
  private static String yaml(NodePlan plan) throws InvalidProtocolBufferException {
    String json = JsonFormat.printer().print(plan);
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
