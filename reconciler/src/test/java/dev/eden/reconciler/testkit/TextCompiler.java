package dev.eden.reconciler.testkit;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.proto.NodeInfo;
import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanStep;
import dev.eden.reconciler.pipeline.CompileOutcome;
import dev.eden.reconciler.pipeline.CompileRequest;
import dev.eden.reconciler.pipeline.RevisionCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A trivial compiler for tests. {@code nodes/<name>.txt} gives node {@code <name>} one {@code
 * cmd.run} step whose cmd is the file's content; {@code all.txt} gives every registered node such a
 * step. {@code {{role}}} in a content is replaced by the node's {@code role} label. A file named
 * {@code BAD} (anywhere) rejects the revision with the error {@code <path>:1:1: <content>}.
 */
public final class TextCompiler implements RevisionCompiler {

  private final AtomicInteger calls = new AtomicInteger();

  /** How many times {@link #compile} ran. */
  public int calls() {
    return calls.get();
  }

  @Override
  public CompileOutcome compile(CompileRequest request) {
    calls.incrementAndGet();
    List<String> errors = new ArrayList<>();
    Map<String, String> byNode = new TreeMap<>();
    String all = null;
    for (String path : request.tree().paths()) {
      String content = read(request, path).trim();
      if (path.equals("BAD") || path.endsWith("/BAD")) {
        errors.add(path + ":1:1: " + content);
      } else if (path.startsWith("nodes/") && path.endsWith(".txt")) {
        byNode.put(path.substring(6, path.length() - 4), content);
      } else if (path.equals("all.txt")) {
        all = content;
      }
    }
    if (!errors.isEmpty()) {
      return new CompileOutcome.Rejected(errors);
    }
    Map<String, NodeInfo> registered = new TreeMap<>();
    request.nodes().forEach(n -> registered.put(n.getName(), n));
    if (all != null) {
      for (String node : registered.keySet()) {
        byNode.merge(node, all, (mine, common) -> mine);
      }
    }
    Map<String, NodePlan> plans = new TreeMap<>();
    byNode.forEach(
        (node, cmd) -> {
          if (request.wants(node)) {
            String role =
                registered.containsKey(node)
                    ? registered.get(node).getLabelsOrDefault("role", "")
                    : "";
            plans.put(node, plan(node, cmd.replace("{{role}}", role)));
          }
        });
    return new CompileOutcome.Accepted(plans, request.tree().paths().size());
  }

  private static String read(CompileRequest request, String path) {
    try {
      return new String(request.tree().read(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static NodePlan plan(String node, String cmd) {
    Struct params =
        Struct.newBuilder()
            .putFields("cmd", Value.newBuilder().setStringValue(cmd).build())
            .build();
    return NodePlan.newBuilder()
        .setNode(node)
        .addSteps(
            PlanStep.newBuilder()
                .setId("test/" + node + "/run")
                .setTaskbook("test/" + node)
                .setName("run")
                .setAction("cmd.run")
                .setParameters(params))
        .build();
  }
}
