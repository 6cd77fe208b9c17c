package dev.eden.reconciler.compile;

import dev.eden.proto.DeferredRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What eden's helpers need while one node's steps of one TaskBook render: the known nodes, the
 * TaskBook's step names (for {@code output}), and what the step being rendered defers to run time.
 * Confined to one thread.
 */
final class RenderScope {

  private final KnownNodes nodes;
  private final String stepIdPrefix;
  private final Set<String> stepNames;
  private final Set<String> selectorsUsed;
  private final Map<String, DeferredRef> deferred = new LinkedHashMap<>();
  private final boolean runTimeValues;

  RenderScope(KnownNodes nodes, String stepIdPrefix, Set<String> stepNames, Set<String> used) {
    this(nodes, stepIdPrefix, stepNames, used, true);
  }

  private RenderScope(
      KnownNodes nodes,
      String stepIdPrefix,
      Set<String> stepNames,
      Set<String> used,
      boolean runTimeValues) {
    this.nodes = nodes;
    this.stepIdPrefix = stepIdPrefix;
    this.stepNames = stepNames;
    this.selectorsUsed = used;
    this.runTimeValues = runTimeValues;
  }

  /**
   * For combined variables, rendered at compile time: {@code nodes} works, while {@code export} and
   * {@code output} (known only when a step runs) are errors.
   */
  static RenderScope forVariables(KnownNodes nodes, Set<String> used) {
    return new RenderScope(nodes, "", Set.of(), used, false);
  }

  List<Map<String, Object>> nodes(String selector) {
    selectorsUsed.add(selector);
    try {
      return nodes.select(selector);
    } catch (RuntimeException e) {
      throw new TemplateFailure("bad selector \"" + selector + "\": " + e.getMessage());
    }
  }

  String export(String name) {
    return defer(DeferredRef.Kind.EXPORT, name);
  }

  String output(String stepName) {
    if (!runTimeValues) {
      defer(DeferredRef.Kind.OUTPUT, stepName);
    }
    int bracket = stepName.indexOf('[');
    String base = bracket > 0 && stepName.endsWith("]") ? stepName.substring(0, bracket) : stepName;
    if (!stepNames.contains(base)) {
      throw new TemplateFailure("output of unknown step \"" + stepName + "\"");
    }
    return defer(DeferredRef.Kind.OUTPUT, stepIdPrefix + stepName);
  }

  private String defer(DeferredRef.Kind kind, String name) {
    if (!runTimeValues) {
      String helper = kind == DeferredRef.Kind.EXPORT ? "export" : "output";
      throw new TemplateFailure(
          "'"
              + helper
              + "' is known only when a step runs, and a variable is rendered before: use it in"
              + " the step's parameters instead");
    }
    String token =
        "@@eden:" + (kind == DeferredRef.Kind.EXPORT ? "export:" : "output:") + name + "@@";
    deferred.computeIfAbsent(
        token, t -> DeferredRef.newBuilder().setKind(kind).setName(name).setToken(t).build());
    return token;
  }

  /** The deferred references of the step rendered since the last call, and forgets them. */
  List<DeferredRef> takeDeferred() {
    if (deferred.isEmpty()) {
      return List.of();
    }
    List<DeferredRef> out = new ArrayList<>(deferred.values());
    deferred.clear();
    return out;
  }
}
