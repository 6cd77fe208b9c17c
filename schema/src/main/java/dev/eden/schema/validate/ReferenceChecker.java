package dev.eden.schema.validate;

import dev.eden.schema.Diagnostic;
import dev.eden.schema.lang.NearNames;
import dev.eden.schema.model.Kind;
import dev.eden.schema.model.ObjectKey;
import dev.eden.schema.model.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the whole tree at once: the same object defined twice, and objects naming others that do
 * not exist (CronJobs and Triggers → TaskBooks of their namespace; TaskBooks, Beacons and Variables
 * → NodeGroups).
 */
public final class ReferenceChecker {

  private final List<Diagnostic> out;
  private final Map<ObjectKey, CheckedDocument> byKey = new HashMap<>();

  public ReferenceChecker(List<Diagnostic> out) {
    this.out = out;
  }

  /** Checks {@code docs}, in the order they were read (sorted by file, then position). */
  public void check(List<CheckedDocument> docs) {
    for (CheckedDocument d : docs) {
      CheckedDocument first = byKey.putIfAbsent(d.key(), d);
      if (first != null) {
        out.add(
            new Diagnostic(
                d.pos(),
                d.describe() + " is defined twice: at " + first.pos() + " and at " + d.pos()));
      }
    }
    for (CheckedDocument d : docs) {
      references(d);
    }
  }

  private void references(CheckedDocument d) {
    Value.Map spec = d.spec();
    switch (d.kind()) {
      case CRON_JOB -> {
        taskBook(d, spec.get("taskBook"));
        if (spec.get("taskBooks") instanceof Value.Seq list) {
          list.items().forEach(item -> taskBook(d, item));
        }
      }
      case TRIGGER -> {
        if (spec.get("run") instanceof Value.Map run) {
          taskBook(d, run.get("taskBook"));
        }
      }
      case TASK_BOOK, BEACON -> {
        if (spec.get("targets") instanceof Value.Map targets) {
          nodeGroups(d, targets.get("nodeGroups"));
        }
      }
      case VARIABLE -> nodeGroups(d, spec.get("nodeGroups"));
      default -> {}
    }
  }

  private void taskBook(CheckedDocument d, Value ref) {
    if (ref instanceof Value.Scalar s && s.value() != null) {
      require(d, s, Kind.TASK_BOOK, d.namespace());
    }
  }

  private void nodeGroups(CheckedDocument d, Value refs) {
    if (refs instanceof Value.Seq seq) {
      for (Value item : seq.items()) {
        if (item instanceof Value.Scalar s && s.value() != null) {
          require(d, s, Kind.NODE_GROUP, Optional.empty());
        }
      }
    }
  }

  private void require(CheckedDocument d, Value.Scalar ref, Kind kind, Optional<String> ns) {
    if (byKey.containsKey(new ObjectKey(kind, ns, ref.text()))) {
      return;
    }
    List<String> candidates = new ArrayList<>();
    for (ObjectKey k : byKey.keySet()) {
      if (k.kind() == kind && k.namespace().equals(ns)) {
        candidates.add(k.name());
      }
    }
    candidates.sort(null);
    out.add(
        new Diagnostic(
            ref.pos(),
            d.describe()
                + " names "
                + kind.wireName()
                + " '"
                + ref.text()
                + "'"
                + ns.map(n -> " in namespace '" + n + "'").orElse("")
                + ", which does not exist"
                + NearNames.hint(ref.text(), candidates)));
  }
}
