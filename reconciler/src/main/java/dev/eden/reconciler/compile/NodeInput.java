package dev.eden.reconciler.compile;

import com.google.protobuf.Struct;
import dev.eden.proto.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A node as its agent announced it: name, its own labels and its facts. */
public record NodeInput(String name, Map<String, String> labels, Struct facts) {
  public NodeInput {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    facts = facts == null ? Struct.getDefaultInstance() : facts;
  }

  /** A node known only by name and labels (no facts yet). */
  public static NodeInput of(String name, Map<String, String> labels) {
    return new NodeInput(name, labels, Struct.getDefaultInstance());
  }

  /** Registered nodes as the compiler sees them. */
  public static List<NodeInput> of(List<NodeInfo> nodes) {
    return nodes.stream()
        .map(n -> new NodeInput(n.getName(), n.getLabelsMap(), n.getFacts()))
        .toList();
  }
}
