package dev.eden.reconciler.review;

import dev.eden.proto.NodePlan;
import dev.eden.proto.PlanBeacon;
import dev.eden.proto.PlanStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares two plans of one node step by step (by step id) and Beacon by Beacon: what is added,
 * removed and changed, field by field, with sensitive values hidden.
 */
public final class PlanDiff {

  private PlanDiff() {}

  /** One comparable unit of a plan: a step or a Beacon. */
  private record Unit(String id, String action, String source, StepFields fields, boolean cmd) {}

  /** The changes from {@code base} to {@code head}; empty when the node does the same. */
  public static List<StepChange> compare(NodePlan base, NodePlan head) {
    Map<String, Unit> before = units(base);
    Map<String, Unit> after = units(head);
    List<StepChange> changes = new ArrayList<>();
    for (Unit now : after.values()) {
      Unit was = before.get(now.id());
      if (was == null) {
        changes.add(added(now));
      } else {
        List<FieldChange> fields = fields(was.fields(), now.fields());
        if (!fields.isEmpty()) {
          changes.add(
              new StepChange(
                  now.id(),
                  StepChange.Change.CHANGED,
                  now.action(),
                  now.source(),
                  fields,
                  now.cmd() && fields.stream().anyMatch(f -> f.field().equals("parameters.cmd"))));
        }
      }
    }
    before.values().stream()
        .filter(u -> !after.containsKey(u.id()))
        .forEach(
            u ->
                changes.add(
                    new StepChange(
                        u.id(),
                        StepChange.Change.REMOVED,
                        u.action(),
                        u.source(),
                        List.of(),
                        false)));
    return changes;
  }

  private static Map<String, Unit> units(NodePlan plan) {
    Map<String, Unit> units = new LinkedHashMap<>();
    for (PlanStep s : plan.getStepsList()) {
      units.put(
          s.getId(),
          new Unit(
              s.getId(),
              s.getAction(),
              s.getSource(),
              StepFields.of(s),
              s.getAction().equals("cmd.run")));
    }
    for (PlanBeacon b : plan.getBeaconsList()) {
      String id = "beacon " + b.getName();
      units.put(id, new Unit(id, b.getAction(), "", StepFields.of(b), false));
    }
    return units;
  }

  private static StepChange added(Unit u) {
    return new StepChange(
        u.id(),
        StepChange.Change.ADDED,
        u.action(),
        u.source(),
        fields(new StepFields(Map.of(), Set.of()), u.fields()),
        false);
  }

  /** Every field whose value differs, in the order the fields are listed. */
  static List<FieldChange> fields(StepFields was, StepFields now) {
    Set<String> names = new LinkedHashSet<>(now.fields().keySet());
    names.addAll(was.fields().keySet());
    List<FieldChange> out = new ArrayList<>();
    for (String name : names) {
      String a = was.fields().getOrDefault(name, "");
      String b = now.fields().getOrDefault(name, "");
      if (Objects.equals(a, b)) {
        continue;
      }
      if (was.hidden().contains(name) || now.hidden().contains(name)) {
        out.add(FieldChange.hidden(name));
      } else if (UnifiedDiff.multiline(a) || UnifiedDiff.multiline(b)) {
        out.add(new FieldChange(name, "", "", UnifiedDiff.of(a, b), false));
      } else {
        out.add(new FieldChange(name, a, b, "", false));
      }
    }
    return out;
  }
}
