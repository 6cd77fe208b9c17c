package dev.eden.cli;

import com.google.protobuf.Struct;
import dev.eden.proto.NodePlan;
import dev.eden.reconciler.compile.CompileResult;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.compile.Revision;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.load.LoadResult;
import dev.eden.schema.load.ManifestLoader;
import dev.eden.schema.load.SourceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A desired-state repository checked out on this machine, compiled offline with the same loader and
 * compiler the reconciler uses ({@code eden plan}, {@code eden apply}).
 */
final class LocalRepository {
  private final Path dir;

  LocalRepository(Path dir) {
    this.dir = dir;
  }

  /** The plan for one node, or every located error that prevents it. */
  sealed interface Compiled {
    record Plan(NodePlan plan, Revision revision) implements Compiled {}

    record Errors(List<Diagnostic> errors) implements Compiled {}
  }

  Compiled compile(String node, Map<String, String> labels, Struct facts) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a folder: pass --repo a checkout");
    }
    SourceTree tree = SourceTree.ofDirectory(dir);
    LoadResult loaded = ManifestLoader.load(tree);
    if (!loaded.ok()) {
      return new Compiled.Errors(loaded.errors());
    }
    Revision revision = new Revision("local@" + dir.getFileName(), loaded.objects(), tree);
    CompileResult result =
        new Compiler().compile(revision, List.of(new NodeInput(node, labels, facts)));
    List<Diagnostic> errors = result.diagnostics();
    NodePlan plan = result.plans().get(node);
    if (!errors.isEmpty() && (plan == null || !result.errors().isEmpty())) {
      return new Compiled.Errors(errors);
    }
    return new Compiled.Plan(
        plan != null
            ? plan
            : NodePlan.newBuilder().setNode(node).setRevision(revision.id()).build(),
        revision);
  }

  /** Prints {@code errors} relative to the repository, one per line, sorted. */
  static void print(List<Diagnostic> errors, java.io.PrintWriter err) {
    errors.stream().sorted().forEach(d -> err.println(d));
    err.printf("%d error(s)%n", errors.size());
    err.flush();
  }
}
