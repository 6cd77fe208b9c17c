package dev.eden.reconciler.review;

import com.google.protobuf.Value;
import dev.eden.proto.Condition;
import dev.eden.proto.PlanBeacon;
import dev.eden.proto.PlanStep;
import dev.eden.proto.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step flattened into named text fields, in a fixed order, so two versions compare field by
 * field: {@code action}, {@code parameters.<key>} (sorted), {@code requires}, {@code runOptions},
 * {@code when}, {@code success}, {@code export}, {@code mode}, {@code sensitive}. The source
 * position and deferred references (which follow from the parameters) are not compared.
 *
 * @param fields field → its value as text, deferred tokens already rewritten
 * @param hidden the fields whose values people must not see
 */
record StepFields(Map<String, String> fields, java.util.Set<String> hidden) {

  static StepFields of(PlanStep step) {
    Map<String, String> f = new LinkedHashMap<>();
    java.util.Set<String> hidden = new java.util.HashSet<>();
    f.put("action", step.getAction());
    ValueText.sorted(step.getParameters())
        .forEach(
            (key, value) -> {
              f.put("parameters." + key, text(value));
              if (Redaction.hides(step, key)) {
                hidden.add("parameters." + key);
              }
            });
    putIf(f, "requires", String.join(", ", step.getRequiresList()));
    putIf(f, "runOptions", runOptions(step.getRunOptions()));
    putIf(f, "when", condition(step.getConditions().getWhen()));
    putIf(f, "success", condition(step.getConditions().getSuccess()));
    putIf(f, "export", exportText(step));
    putIf(f, "mode", step.getModeValue() == 0 ? "" : step.getMode().name().toLowerCase());
    putIf(f, "sensitive", step.getSensitive() ? "true" : "");
    return new StepFields(f, hidden);
  }

  static StepFields of(PlanBeacon beacon) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("action", beacon.getAction());
    ValueText.sorted(beacon.getParameters())
        .forEach((key, value) -> f.put("parameters." + key, text(value)));
    putIf(f, "interval", beacon.getIntervalMs() + "ms");
    putIf(f, "emit", beacon.getEmitReason() + " on " + beacon.getEmitOn());
    return new StepFields(f, java.util.Set.of());
  }

  private static String text(Value v) {
    return Redaction.deferred(ValueText.of(v));
  }

  private static void putIf(Map<String, String> f, String key, String value) {
    if (!value.isEmpty()) {
      f.put(key, value);
    }
  }

  private static String runOptions(RunOptions o) {
    List<String> parts = new ArrayList<>();
    if (o.getSerializeCount() > 0) {
      parts.add("serialize " + o.getSerializeCount());
    }
    if (o.getSync()) {
      parts.add("sync" + (o.getSyncTimeoutMs() > 0 ? " " + o.getSyncTimeoutMs() + "ms" : ""));
    }
    if (o.getTargetLimit() > 0) {
      parts.add("target limit " + o.getTargetLimit());
    }
    if (!o.getTargetSelector().isEmpty()) {
      parts.add("target selector " + o.getTargetSelector());
    }
    return String.join(", ", parts);
  }

  private static String condition(Condition c) {
    if (c.getExpression().isEmpty()) {
      return "";
    }
    String retry =
        c.getRetryLimit() > 0
            ? " (retry " + c.getRetryLimit() + "× every " + c.getRetryIntervalMs() + "ms)"
            : "";
    return c.getExpression() + retry;
  }

  private static String exportText(PlanStep step) {
    if (!step.hasExport() || step.getExport().getName().isEmpty()) {
      return "";
    }
    String to = step.getExport().getVisibleTo();
    return step.getExport().getName() + (to.isEmpty() ? "" : " visible to " + to);
  }
}
