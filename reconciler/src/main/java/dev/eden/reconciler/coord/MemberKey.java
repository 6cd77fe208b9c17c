package dev.eden.reconciler.coord;

import java.util.Objects;

/**
 * Which compiled step a membership record is for: a step of the plans of one revision ({@code
 * dispatch} empty), or a step of one dispatched run ({@code revision} empty; a dispatch keeps its
 * records whatever revision is served while it runs).
 *
 * @param taskbook "&lt;namespace&gt;/&lt;name&gt;"
 * @param stepId the plan step's id ("&lt;dispatch id&gt;/…" for a dispatched run)
 */
public record MemberKey(String taskbook, String stepId, String revision, String dispatch) {

  public MemberKey {
    Objects.requireNonNull(taskbook, "taskbook");
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(dispatch, "dispatch");
    if (taskbook.isBlank() || stepId.isBlank()) {
      throw new IllegalArgumentException("taskbook and step id must be set");
    }
    if (revision.isEmpty() == dispatch.isEmpty()) {
      throw new IllegalArgumentException("a step comes from a revision or from a dispatch");
    }
  }

  /** A step of revision {@code revision}'s plans. */
  public static MemberKey ofRevision(String taskbook, String stepId, String revision) {
    return new MemberKey(taskbook, stepId, revision, "");
  }

  /** A step of dispatched run {@code dispatch}. */
  public static MemberKey ofDispatch(String taskbook, String stepId, String dispatch) {
    return new MemberKey(taskbook, stepId, "", dispatch);
  }

  @Override
  public String toString() {
    return stepId + "@" + (dispatch.isEmpty() ? revision : "dispatch " + dispatch);
  }
}
