package dev.eden.agent.exec;

import com.google.protobuf.Value;
import dev.eden.agent.coord.StepGates;
import dev.eden.agent.fs.PathEscapeException;
import dev.eden.agent.fs.RootFs;
import dev.eden.proto.PlanStep;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which steps may run side by side. Only {@code file.managed} (with {@code content}), {@code
 * file.absent} and {@code directory} steps without deferred values qualify; within a run of such
 * consecutive steps, a step still waits for every earlier one on the same path, on a parent or
 * child path (after resolving symlinks inside the root), and for its {@code requires}. Any other
 * step is a barrier: it runs alone, after everything before it.
 */
final class FileBatches {
  private static final Set<String> PARALLEL = Set.of("file.managed", "file.absent", "directory");

  private FileBatches() {}

  /** The host path a parallel-safe step works on, or null when the step must run alone. */
  static Path target(PlanStep step, RootFs fs) {
    if (!PARALLEL.contains(step.getAction())
        || step.getDeferredCount() > 0
        || StepGates.standsAlone(step)) {
      return null;
    }
    Map<String, Value> p = step.getParameters().getFieldsMap();
    if (p.containsKey("source")) {
      return null;
    }
    Value path = p.get("path");
    if (path == null || !path.hasStringValue() || !path.getStringValue().startsWith("/")) {
      return null;
    }
    try {
      return fs.resolve(path.getStringValue());
    } catch (PathEscapeException | UncheckedIOException e) {
      return null;
    }
  }

  /**
   * For each step of a batch (indices into {@code paths}), the earlier batch steps it must wait
   * for.
   */
  static List<List<Integer>> dependencies(
      List<PlanStep> batch, List<Path> paths, Map<String, Integer> idToIndex) {
    List<List<Integer>> deps = new ArrayList<>(batch.size());
    Map<Path, Integer> lastAt = new HashMap<>();
    Map<Path, List<Integer>> under = new HashMap<>();
    for (int k = 0; k < batch.size(); k++) {
      List<Integer> mine = new ArrayList<>();
      Path p = paths.get(k);
      for (Path a = p; a != null; a = a.getParent()) {
        Integer at = lastAt.get(a);
        if (at != null) {
          mine.add(at);
        }
      }
      mine.addAll(under.getOrDefault(p, List.of()));
      for (String req : batch.get(k).getRequiresList()) {
        Integer at = idToIndex.get(req);
        if (at != null && at < k) {
          mine.add(at);
        }
      }
      deps.add(mine);
      lastAt.put(p, k);
      for (Path a = p.getParent(); a != null; a = a.getParent()) {
        under.computeIfAbsent(a, x -> new ArrayList<>()).add(k);
      }
    }
    return deps;
  }
}
