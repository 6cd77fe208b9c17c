package dev.eden.schema.validate;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.model.Value;
import java.util.List;
import java.util.Map;

/**
 * A {@code Node}'s labels are written in {@code metadata.labels}, as Kubernetes users write them;
 * {@code spec.labels} is an alias. A key may appear in both only with the same value.
 */
final class NodeLabels {

  private NodeLabels() {}

  /** Adds one error per key that the two places give different values, at the second place. */
  static void checkAgree(Value.Map root, List<Diagnostic> out) {
    if (!(root.get("metadata") instanceof Value.Map meta)
        || !(meta.get("labels") instanceof Value.Map primary)
        || !(root.get("spec") instanceof Value.Map spec)
        || !(spec.get("labels") instanceof Value.Map alias)) {
      return;
    }
    for (Map.Entry<String, Value> e : alias.entries().entrySet()) {
      Value first = primary.get(e.getKey());
      if (first instanceof Value.Scalar a
          && e.getValue() instanceof Value.Scalar b
          && a.value() != null
          && b.value() != null
          && !a.text().equals(b.text())) {
        out.add(
            new Diagnostic(
                alias.keyPos(e.getKey()),
                "label '"
                    + e.getKey()
                    + "' is '"
                    + a.text()
                    + "' in metadata.labels (at "
                    + primary.keyPos(e.getKey())
                    + ") and '"
                    + b.text()
                    + "' in spec.labels (at "
                    + alias.keyPos(e.getKey())
                    + "); give it one value, in metadata.labels"));
      }
    }
  }
}
