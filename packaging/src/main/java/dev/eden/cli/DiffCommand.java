package dev.eden.cli;

import com.google.protobuf.Struct;
import dev.eden.proto.ControlServiceGrpc;
import dev.eden.proto.ListNodesRequest;
import dev.eden.proto.NodeStatus;
import dev.eden.reconciler.compile.Compiler;
import dev.eden.reconciler.compile.NodeInput;
import dev.eden.reconciler.review.FleetDiff;
import dev.eden.reconciler.review.JsonReport;
import dev.eden.reconciler.review.MarkdownReport;
import dev.eden.reconciler.review.RevisionDiff;
import dev.eden.reconciler.review.TextReport;
import dev.eden.reconciler.source.CommitTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eden diff --repo PATH BASE HEAD}: compiles every node's plan at two commits with the
 * reconciler's compiler and prints what changes, node by node. Exit 0 nothing changes, 1 something
 * does, 2 on error (HEAD does not compile, a node newly fails, bad input).
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compile every node's plan at BASE and at HEAD and show what changes, node by node.",
      "Exit 0: no plan changes; 1: some do; 2: HEAD does not compile, or an error."
    })
final class DiffCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    text,
    json,
    markdown
  }

  @Spec CommandSpec spec;

  @Option(names = "--repo", required = true, paramLabel = "PATH", description = "A Git repository.")
  Path repo;

  @Option(
      names = "--path",
      defaultValue = "",
      paramLabel = "DIR",
      description = "The manifests' sub-path in the repository (as the reconciler's --path).")
  String subPath;

  @Parameters(index = "0", paramLabel = "BASE", description = "A commit: sha, branch, tag, HEAD~1.")
  String base;

  @Parameters(index = "1", paramLabel = "HEAD", description = "The commit to compare with BASE.")
  String head;

  @Option(names = "--node", paramLabel = "NAME", description = "Show this node only.")
  String node;

  @Option(
      names = "--facts-dir",
      paramLabel = "DIR",
      description = "Facts of nodes as <node>.yaml files (they override the reconciler's).")
  Path factsDir;

  @Mixin ServerOptions connection;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<NodeInput> nodes = new ArrayList<>();
    if (connection.server != null || connection.config != null) {
      int code = connection.call("eden diff", err, channel -> known(channel, nodes));
      if (code != 0) {
        return RevisionDiff.FAILED;
      }
    }
    try {
      withFacts(nodes);
      RevisionDiff diff = compare(nodes);
      if (node != null) {
        diff = diff.only(node);
      }
      out.print(render(diff));
      out.flush();
      return diff.exitCode();
    } catch (IOException | RuntimeException e) {
      err.println("eden diff: " + Eden.describe(e));
      err.flush();
      return RevisionDiff.FAILED;
    }
  }

  /** Every node the reconciler knows with its labels and last reported facts. */
  private static int known(io.grpc.ManagedChannel channel, List<NodeInput> nodes) {
    for (NodeStatus n :
        ControlServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .listNodes(ListNodesRequest.getDefaultInstance())
            .getNodesList()) {
      if (n.getRegistered()) {
        nodes.add(new NodeInput(n.getName(), n.getLabelsMap(), n.getFacts()));
      }
    }
    return 0;
  }

  /** Facts files replace the facts of nodes already known, and add the others. */
  private void withFacts(List<NodeInput> nodes) throws IOException {
    if (factsDir == null) {
      return;
    }
    Map<String, NodeInput> byName = new LinkedHashMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));
    for (Map.Entry<String, Struct> f : FactsFiles.readDirectory(factsDir).entrySet()) {
      NodeInput known = byName.get(f.getKey());
      byName.put(
          f.getKey(),
          new NodeInput(f.getKey(), known == null ? Map.of() : known.labels(), f.getValue()));
    }
    nodes.clear();
    nodes.addAll(byName.values());
  }

  private RevisionDiff compare(List<NodeInput> nodes) throws IOException {
    try (Git git = Git.open(repo.toFile())) {
      Repository r = git.getRepository();
      FleetDiff.Side before = side(r, base, "BASE");
      FleetDiff.Side after = side(r, head, "HEAD");
      return new FleetDiff(new Compiler(Clock.systemUTC())).compare(before, after, nodes);
    } catch (RepositoryNotFoundException e) {
      throw new IOException(repo + " is not a Git repository: give --repo a clone", e);
    }
  }

  private FleetDiff.Side side(Repository r, String rev, String which) throws IOException {
    ObjectId id = r.resolve(rev + "^{commit}");
    if (id == null) {
      throw new IOException(
          which
              + " '"
              + rev
              + "' is not a commit in "
              + repo
              + ": give a sha, a branch, a tag or HEAD~1");
    }
    String shortId = id.abbreviate(7).name();
    String name = rev.equals(shortId) || id.name().equals(rev) ? shortId : rev + "@" + shortId;
    return new FleetDiff.Side(name, CommitTree.of(r, id, subPath));
  }

  private String render(RevisionDiff diff) {
    return switch (output) {
      case text -> TextReport.render(diff);
      case json -> JsonReport.render(diff) + "\n";
      case markdown -> MarkdownReport.render(diff);
    };
  }
}
