package dev.eden.reconciler.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which of a TaskBook's targets a dispatch goes to. */
final class NodeChoice {

  private static final int NAMES_SHOWN = 5;

  private NodeChoice() {}

  /**
   * The nodes of {@code request}: exactly its {@code nodes} when it names some (each must be a
   * target), else the targets its selector matches (all of them without one). Sorted.
   *
   * @param targets the TaskBook's targets with their labels, sorted by name
   * @throws DispatchException when no node is left, or a named node is not a target
   */
  static List<String> of(
      String taskBook, Map<String, Map<String, String>> targets, Dispatcher.Request request) {
    if (targets.isEmpty()) {
      throw new DispatchException("TaskBook " + taskBook + " targets no node");
    }
    if (!request.nodes().isEmpty()) {
      List<String> chosen = new ArrayList<>(request.nodes());
      chosen.sort(null);
      for (String node : chosen) {
        if (!targets.containsKey(node)) {
          throw new DispatchException(
              "node " + node + " is not a target of TaskBook " + taskBook + " " + some(targets));
        }
      }
      return List.copyOf(chosen);
    }
    List<String> chosen =
        targets.entrySet().stream()
            .filter(e -> request.selector().map(s -> s.matches(e.getValue())).orElse(true))
            .map(Map.Entry::getKey)
            .toList();
    if (chosen.isEmpty()) {
      throw new DispatchException(
          "no target of TaskBook "
              + taskBook
              + " matches selector '"
              + request.selector().map(Object::toString).orElse("")
              + "' "
              + some(targets));
    }
    return chosen;
  }

  /** "(targets: a, b, c and 4 more)" */
  private static String some(Map<String, Map<String, String>> targets) {
    List<String> names = List.copyOf(targets.keySet());
    String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
    int more = names.size() - NAMES_SHOWN;
    return "(targets: " + shown + (more > 0 ? " and " + more + " more" : "") + ")";
  }
}
