package dev.eden.reconciler.compile;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles one TaskBook of an accepted revision outside the nodes' plans, as a dispatch runs it.
 * Stateless for its callers: everything it needs comes in the call (a cache may sit behind it).
 */
public interface TaskBookCompiler {

  /** For a reconciler whose compiler does not read manifests: no TaskBook can be run. */
  TaskBookCompiler NONE =
      new TaskBookCompiler() {
        @Override
        public Optional<Map<String, Map<String, String>>> targets(
            Revision accepted, String key, Collection<NodeInput> nodes) {
          return Optional.empty();
        }

        @Override
        public TaskBookCompilation compile(
            Revision accepted,
            String key,
            Collection<NodeInput> nodes,
            List<String> run,
            String idPrefix,
            Map<String, Object> extraRoot) {
          throw new IllegalStateException("this compiler does not compile TaskBooks");
        }
      };

  /**
   * The nodes TaskBook {@code key} of {@code accepted} targets, with their labels, sorted by name;
   * empty when it is not there or suspended.
   *
   * @param nodes every registered node (the context of selectors and lookups)
   */
  Optional<Map<String, Map<String, String>>> targets(
      Revision accepted, String key, Collection<NodeInput> nodes);

  /**
   * TaskBook {@code key} of {@code accepted} compiled for each node of {@code run}: step ids start
   * with {@code idPrefix}, templates also see {@code extraRoot} at their root.
   */
  TaskBookCompilation compile(
      Revision accepted,
      String key,
      Collection<NodeInput> nodes,
      List<String> run,
      String idPrefix,
      Map<String, Object> extraRoot);
}
