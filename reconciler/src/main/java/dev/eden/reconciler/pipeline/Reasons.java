package dev.eden.reconciler.pipeline;

/**
 * The CamelCase reasons of the events and conditions eden emits. The README's "Events" section
 * lists the same reasons; keep both in step.
 */
public final class Reasons {

  private Reasons() {}

  // Events the reconciler emits.

  /** Normal, Revision: a commit was validated and compiled; its plans are served. */
  public static final String REVISION_ACCEPTED = "RevisionAccepted";

  /**
   * Warning, Revision: a commit was rejected, the message lists file:line:col errors; or Node: one
   * node's plan did not compile.
   */
  public static final String VALIDATION_FAILED = "ValidationFailed";

  /**
   * Warning, Revision: a commit of a new revision is not signed by an allowed signer (the message
   * names it and says why); or the served revision no longer verifies after the allowed signers
   * changed.
   */
  public static final String VERIFICATION_FAILED = "VerificationFailed";

  /** Normal, Node: the node's plan hash changed. */
  public static final String PLAN_CHANGED = "PlanChanged";

  /** Warning, Revision: the repository could not be fetched. */
  public static final String FETCH_FAILED = "FetchFailed";

  /** Normal, Node: a node registered for the first time. */
  public static final String NODE_JOINED = "NodeJoined";

  /** Normal, Node: a registered node came back with other labels or facts. */
  public static final String NODE_UPDATED = "NodeUpdated";

  /** Warning, Node: a node has not called for 3 heartbeats (once per loss). */
  public static final String NODE_LOST = "NodeLost";

  /** Normal, Node: a lost node called again. */
  public static final String NODE_RECOVERED = "NodeRecovered";

  /** Warning, Node or User: a caller was refused (see DeniedEvents). */
  public static final String PERMISSION_DENIED = "PermissionDenied";

  /** Normal, Webhook: an authenticated POST on /hooks/git or /hooks/alertmanager. */
  public static final String WEBHOOK_RECEIVED = "WebhookReceived";

  // Events agents report (agent/.../exec/Reports.java).

  /** Normal, TaskBook: a step changed something (unchanged steps emit nothing). */
  public static final String STEP_CHANGED = "StepChanged";

  /** Warning, TaskBook: a step failed; also a node condition. */
  public static final String STEP_FAILED = "StepFailed";

  /** Normal, Node: a run ended without a failed step. */
  public static final String RUN_SUCCEEDED = "RunSucceeded";

  /** Warning, Node: a run ended with at least one failed step. */
  public static final String RUN_FAILED = "RunFailed";

  // Node conditions (not events).

  public static final String RECONCILIATION_SUCCEEDED = "ReconciliationSucceeded";
  public static final String PLAN_NOT_APPLIED = "PlanNotApplied";
  public static final String NEVER_RUN = "NeverRun";
  public static final String TASKBOOK_PENDING_APPROVAL = "TaskBookPendingApproval";
  public static final String TASKBOOK_APPROVED = "TaskBookApproved";

  public static final String DISPATCHED = "Dispatched";
  public static final String DISPATCH_SUCCEEDED = "DispatchSucceeded";
  public static final String DISPATCH_FAILED = "DispatchFailed";
  public static final String DISPATCH_CANCELLED = "DispatchCancelled";

  /** A CronJob dispatched its TaskBook for a scheduled time. */
  public static final String CRON_FIRED = "CronFired";

  /** A CronJob did not fire: concurrencyPolicy Forbid and its last run still runs. */
  public static final String CRON_JOB_SKIPPED = "CronJobSkipped";

  /** Scheduled times passed while the reconciler was away and misfirePolicy skip dropped them. */
  public static final String CRON_JOB_MISSED = "CronJobMissed";

  /** A CronJob could not fire: its schedule cannot be evaluated or the dispatch failed. */
  public static final String CRON_JOB_FAILED = "CronJobFailed";

  public static final String TRIGGER_REACTED = "TriggerReacted";
  public static final String TRIGGER_WAITING = "TriggerWaiting";
  public static final String TRIGGER_SUPPRESSED = "TriggerSuppressed";
  public static final String TRIGGER_FAILED = "TriggerFailed";

  /** Object kind of revision events. */
  public static final String KIND_REVISION = "Revision";

  /** Object kind of node events. */
  public static final String KIND_NODE = "Node";

  /** Object kind of TaskBook events. */
  public static final String KIND_TASKBOOK = "TaskBook";

  /** Object kind of CronJob events. */
  public static final String KIND_CRON_JOB = "CronJob";

  /** Object kind of the events Triggers emit about themselves. */
  public static final String KIND_TRIGGER = "Trigger";

  /** Object kind of webhook events; the name is the hook ({@code git}, {@code alertmanager}). */
  public static final String KIND_WEBHOOK = "Webhook";

  /**
   * Object kind of the events made from Alertmanager alerts; the name is the alert's {@code
   * alertname}, which is also the reason, kept as given.
   */
  public static final String KIND_ALERT = "Alert";
}
