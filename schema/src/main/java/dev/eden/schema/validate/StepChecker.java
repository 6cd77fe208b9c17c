package dev.eden.schema.validate;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.lang.NearNames;
import dev.eden.schema.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the steps of one TaskBook together: duplicate names, {@code requires} and {@code reloadOn}
 * naming missing steps, {@code requires} cycles, and each step's action parameters.
 */
final class StepChecker {

  /** A {@code requires} entry: the step it names, where. */
  private record Edge(String to, SourcePos pos) {}

  private final ActionChecker actions;
  private final List<Diagnostic> out;
  private final Map<String, SourcePos> names = new LinkedHashMap<>();
  private final Map<String, List<Edge>> requires = new HashMap<>();

  StepChecker(ActionChecker actions, List<Diagnostic> out) {
    this.actions = actions;
    this.out = out;
  }

  void check(Value.Seq steps) {
    List<Value.Map> maps = new ArrayList<>();
    for (Value v : steps.items()) {
      if (v instanceof Value.Map m) {
        maps.add(m);
        collectName(m);
      }
    }
    for (Value.Map m : maps) {
      actions.check(m);
      if (m.get("name") instanceof Value.Scalar n && n.value() != null) {
        requires.put(n.text(), references(n.text(), m.get("requires"), "requires"));
      }
      if (m.get("parameters") instanceof Value.Map p) {
        references(nameOf(m), p.get("reloadOn"), "reloadOn");
      }
    }
    new CycleFinder().run();
  }

  private void collectName(Value.Map step) {
    if (!(step.get("name") instanceof Value.Scalar n) || n.value() == null) {
      return;
    }
    SourcePos first = names.putIfAbsent(n.text(), n.pos());
    if (first != null) {
      out.add(
          new Diagnostic(
              n.pos(), "duplicate step name '" + n.text() + "' (first defined at " + first + ")"));
    }
  }

  private static String nameOf(Value.Map step) {
    return step.get("name") instanceof Value.Scalar n ? n.text() : "?";
  }

  /** The entries of a {@code requires} or {@code reloadOn} list that name existing steps. */
  private List<Edge> references(String step, Value list, String field) {
    List<Edge> edges = new ArrayList<>();
    if (!(list instanceof Value.Seq seq)) {
      return edges;
    }
    for (Value item : seq.items()) {
      if (!(item instanceof Value.Scalar s) || s.value() == null) {
        continue;
      }
      if (names.containsKey(s.text())) {
        edges.add(new Edge(s.text(), s.pos()));
      } else {
        out.add(
            new Diagnostic(
                s.pos(),
                "step '"
                    + step
                    + "' "
                    + field
                    + " '"
                    + s.text()
                    + "', which is not a step of this TaskBook"
                    + NearNames.hint(s.text(), names.keySet())));
      }
    }
    return edges;
  }

  /** Depth-first search over {@code requires}; each back edge closes a cycle. */
  private final class CycleFinder {
    private final Map<String, Integer> state = new HashMap<>(); // 1 = on stack, 2 = done
    private final List<String> stack = new ArrayList<>();

    void run() {
      for (String name : names.keySet()) {
        visit(name);
      }
    }

    private void visit(String name) {
      if (state.containsKey(name)) {
        return;
      }
      state.put(name, 1);
      stack.add(name);
      for (Edge e : requires.getOrDefault(name, List.of())) {
        Integer s = state.get(e.to());
        if (s == null) {
          visit(e.to());
        } else if (s == 1) {
          report(e);
        }
      }
      stack.remove(stack.size() - 1);
      state.put(name, 2);
    }

    private void report(Edge closing) {
      List<String> cycle =
          new ArrayList<>(stack.subList(stack.indexOf(closing.to()), stack.size()));
      cycle.add(closing.to());
      out.add(
          new Diagnostic(
              closing.pos(), "steps form a cycle through requires: " + String.join(" -> ", cycle)));
    }
  }
}
