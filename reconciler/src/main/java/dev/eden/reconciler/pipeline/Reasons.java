package dev.eden.reconciler.pipeline;

/** The CamelCase reasons of the events and conditions the reconciler emits. */
public final class Reasons {

  private Reasons() {}

  public static final String REVISION_ACCEPTED = "RevisionAccepted";
  public static final String VALIDATION_FAILED = "ValidationFailed";
  public static final String PLAN_CHANGED = "PlanChanged";
  public static final String FETCH_FAILED = "FetchFailed";
  public static final String NODE_JOINED = "NodeJoined";
  public static final String NODE_UPDATED = "NodeUpdated";
  public static final String RECONCILIATION_SUCCEEDED = "ReconciliationSucceeded";
  public static final String PLAN_NOT_APPLIED = "PlanNotApplied";
  public static final String STEP_FAILED = "StepFailed";
  public static final String NEVER_RUN = "NeverRun";
  public static final String TASKBOOK_PENDING_APPROVAL = "TaskBookPendingApproval";
  public static final String TASKBOOK_APPROVED = "TaskBookApproved";

  public static final String DISPATCHED = "Dispatched";
  public static final String DISPATCH_SUCCEEDED = "DispatchSucceeded";
  public static final String DISPATCH_FAILED = "DispatchFailed";
  public static final String DISPATCH_CANCELLED = "DispatchCancelled";

  /** Object kind of revision events. */
  public static final String KIND_REVISION = "Revision";

  /** Object kind of node events. */
  public static final String KIND_NODE = "Node";

  /** Object kind of TaskBook events. */
  public static final String KIND_TASKBOOK = "TaskBook";
}
