package dev.eden.reconciler.review;

import java.util.List;

/**
 * How one step (or Beacon) of a node's plan differs between two revisions.
 *
 * @param id the step id ({@code namespace/taskbook/step}), or {@code beacon namespace/name}
 * @param change added, removed or changed
 * @param action the action at HEAD (at BASE for a removed step)
 * @param source where the step is written at HEAD ({@code path:LINE:COL}), "" when unknown
 * @param fields what differs; for an added step, every field it has
 * @param runsAgain a {@code cmd.run} step whose command changed: its command runs again (unless its
 *     {@code creates}, {@code unless} or {@code onlyif} guard says otherwise)
 */
public record StepChange(
    String id,
    Change change,
    String action,
    String source,
    List<FieldChange> fields,
    boolean runsAgain) {

  /** The kinds of step change. */
  public enum Change {
    ADDED,
    REMOVED,
    CHANGED
  }

  public StepChange {
    fields = List.copyOf(fields);
  }

  /**
   * What the change does, without where: no source position, and diffs reduced to their added and
   * removed lines. Nodes whose steps change alike are grouped by it even when the unchanged lines
   * around a change differ (a file that names its node).
   */
  StepChange essence() {
    List<FieldChange> bare =
        fields.stream()
            .map(
                f ->
                    f.diff().isEmpty()
                        ? f
                        : new FieldChange(
                            f.field(),
                            f.before(),
                            f.after(),
                            changedLines(f.diff()),
                            f.sensitive()))
            .toList();
    return new StepChange(id, change, action, "", bare, runsAgain);
  }

  StepChange withSource(String where) {
    return new StepChange(id, change, action, where, fields, runsAgain);
  }

  private static String changedLines(String diff) {
    return diff.lines()
        .filter(l -> l.startsWith("+") || l.startsWith("-"))
        .collect(java.util.stream.Collectors.joining("\n"));
  }
}
