package dev.eden.reconciler.compile;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.model.Spec.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Orders a TaskBook's steps so that each comes after the steps it {@code requires}, otherwise in
 * the order written (a stable topological sort). Unknown names and cycles are located errors.
 */
final class StepOrder {

  private StepOrder() {}

  /** The steps' indexes in execution order; problems go to {@code errors}. */
  static List<Integer> of(List<Step> steps, List<Diagnostic> errors) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      if (index.putIfAbsent(steps.get(i).name(), i) != null) {
        errors.add(
            new Diagnostic(
                steps.get(i).pos(), "duplicate step name \"" + steps.get(i).name() + "\""));
      }
    }
    int[] waiting = new int[steps.size()];
    List<List<Integer>> dependents = new ArrayList<>();
    steps.forEach(s -> dependents.add(new ArrayList<>()));
    for (int i = 0; i < steps.size(); i++) {
      for (String r : steps.get(i).requires()) {
        Integer j = index.get(r);
        if (j == null || j == i) {
          String why = j == null ? "requires unknown step \"" : "requires itself: \"";
          errors.add(new Diagnostic(steps.get(i).pos(), why + r + "\""));
          continue;
        }
        waiting[i]++;
        dependents.get(j).add(i);
      }
    }
    return sort(steps, waiting, dependents, errors);
  }

  private static List<Integer> sort(
      List<Step> steps, int[] waiting, List<List<Integer>> dependents, List<Diagnostic> errors) {
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < waiting.length; i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(steps.size());
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int d : dependents.get(i)) {
        if (--waiting[d] == 0) {
          ready.add(d);
        }
      }
    }
    for (int i = 0; i < waiting.length; i++) {
      if (waiting[i] > 0) {
        errors.add(
            new Diagnostic(
                steps.get(i).pos(),
                "step \"" + steps.get(i).name() + "\" is part of a requires cycle"));
      }
    }
    return order;
  }
}
