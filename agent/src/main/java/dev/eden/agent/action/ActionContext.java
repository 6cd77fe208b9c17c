package dev.eden.agent.action;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.eden.agent.fs.RootFs;
import dev.eden.agent.proc.CommandRunner;
import java.util.function.Predicate;

/**
 * What an action may use: the node's file system (rooted), the command runner, the node's facts,
 * whether this is a dry run, and which steps changed earlier in this run (for {@code reloadOn}).
 */
public record ActionContext(
    RootFs fs,
    boolean dryRun,
    CommandRunner runner,
    Struct facts,
    Predicate<String> changedEarlier,
    boolean sensitive) {

  /** A fact by dotted name ({@code os.family}), looked up nested first, then flat. */
  public String fact(String dotted) {
    Value flat = facts.getFieldsMap().get(dotted);
    if (flat != null && flat.hasStringValue()) {
      return flat.getStringValue();
    }
    Struct current = facts;
    String[] parts = dotted.split("\\.");
    for (int i = 0; i < parts.length; i++) {
      Value v = current.getFieldsMap().get(parts[i]);
      if (v == null) {
        return "";
      }
      if (i == parts.length - 1) {
        return v.hasStringValue() ? v.getStringValue() : "";
      }
      if (!v.hasStructValue()) {
        return "";
      }
      current = v.getStructValue();
    }
    return "";
  }

  public ActionContext withSensitive(boolean s) {
    return new ActionContext(fs, dryRun, runner, facts, changedEarlier, s);
  }
}
