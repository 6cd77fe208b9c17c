package dev.eden.reconciler.compile;

import com.google.protobuf.Struct;
import java.util.Map;

/**
 * A node the compiler makes a plan for: an agent's node, a {@code Node} object, or both (the
 * object's labels under the agent's own). {@code view} is what templates see of it ({@code name},
 * {@code labels}, {@code facts}), built once.
 */
record KnownNode(String name, Map<String, String> labels, Struct facts, Map<String, Object> view) {

  static KnownNode of(String name, Map<String, String> labels, Struct facts) {
    Map<String, String> sorted = Map.copyOf(labels);
    return new KnownNode(
        name, sorted, facts, Map.of("name", name, "labels", sorted, "facts", facts));
  }
}
