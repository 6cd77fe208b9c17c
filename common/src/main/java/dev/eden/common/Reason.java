package dev.eden.common;

/**
 * The CamelCase reasons of the events and conditions eden itself emits, on both sides: an event's
 * {@code reason} and a node's condition reason are a value's {@link #text()}. A Beacon's {@code
 * emit.reason} and an Alertmanager alert's {@code alertname} are the user's own words and stay
 * strings. The README's "Events" section lists the same reasons; keep both in step.
 */
public enum Reason {
  // Events the reconciler emits.

  /** Normal, Revision: a commit was validated and compiled; its plans are served. */
  REVISION_ACCEPTED("RevisionAccepted"),
  /**
   * Warning, Revision: a commit was rejected, the message lists file:line:col errors; or Node: one
   * node's plan did not compile.
   */
  VALIDATION_FAILED("ValidationFailed"),
  /**
   * Warning, Revision: a new head brings a commit no allowed signer signed (the message names it
   * and says why); or the served revision no longer verifies after the allowed signers changed.
   */
  VERIFICATION_FAILED("VerificationFailed"),
  /** Normal, Node: the node's plan hash changed. */
  PLAN_CHANGED("PlanChanged"),
  /** Warning, Revision: the repository could not be fetched. */
  FETCH_FAILED("FetchFailed"),
  /** Normal, Node: a node registered for the first time. */
  NODE_JOINED("NodeJoined"),
  /** Normal, Node: a registered node came back with other labels or facts. */
  NODE_UPDATED("NodeUpdated"),
  /** Warning, Node: a node has not called for 3 heartbeats (once per loss). */
  NODE_LOST("NodeLost"),
  /** Normal, Node: a lost node called again. */
  NODE_RECOVERED("NodeRecovered"),
  /** Warning, Node or User: a caller was refused. */
  PERMISSION_DENIED("PermissionDenied"),
  /** Normal, Webhook: an authenticated POST on /hooks/git or /hooks/alertmanager. */
  WEBHOOK_RECEIVED("WebhookReceived"),
  /** Normal, PullRequest: a pull request's preview was posted (status and comment). */
  PULL_REQUEST_PLANNED("PullRequestPlanned"),
  /**
   * Warning, PullRequest: a preview failed: its head does not compile or cannot be fetched, or the
   * forge refused it.
   */
  PULL_REQUEST_PLAN_FAILED("PullRequestPlanFailed"),
  /** Normal, TaskBook: a version waits for {@code eden approve}. */
  TASKBOOK_PENDING_APPROVAL("TaskBookPendingApproval"),
  /** Normal, TaskBook: a version waiting for approval was approved. */
  TASKBOOK_APPROVED("TaskBookApproved"),

  // Dispatches (eden run, Triggers, CronJobs).

  /** Normal, TaskBook: a dispatch went to its nodes. */
  DISPATCHED("Dispatched"),
  /** Normal, TaskBook: a node ran a dispatch without a failed step. */
  DISPATCH_SUCCEEDED("DispatchSucceeded"),
  /** Warning, TaskBook: a node's run of a dispatch failed. */
  DISPATCH_FAILED("DispatchFailed"),
  /** Warning, TaskBook: a dispatch was dropped from a node before it ran. */
  DISPATCH_CANCELLED("DispatchCancelled"),
  /** Normal, CronJob: a CronJob dispatched its TaskBook for a scheduled time. */
  CRON_FIRED("CronFired"),
  /** Normal, CronJob: did not fire: concurrencyPolicy Forbid and its last run still runs. */
  CRON_JOB_SKIPPED("CronJobSkipped"),
  /**
   * Warning, CronJob: times passed while the reconciler was away and misfirePolicy skip dropped
   * them.
   */
  CRON_JOB_MISSED("CronJobMissed"),
  /** Warning, CronJob: could not fire: its schedule cannot be evaluated or the dispatch failed. */
  CRON_JOB_FAILED("CronJobFailed"),
  /** Normal, Trigger: its conditions held and it ran its TaskBook. */
  TRIGGER_REACTED("TriggerReacted"),
  /**
   * Normal, Trigger: a matching event came and its conditions do not hold yet (the message says
   * why).
   */
  TRIGGER_WAITING("TriggerWaiting"),
  /** Normal, Trigger: it did not react to a matching event (the message says why). */
  TRIGGER_SUPPRESSED("TriggerSuppressed"),
  /** Warning, Trigger: its TaskBook could not be run. */
  TRIGGER_FAILED("TriggerFailed"),

  // Events agents report.

  /** Normal, TaskBook: a step changed something (unchanged steps emit nothing). */
  STEP_CHANGED("StepChanged"),
  /** Warning, TaskBook: a step failed; also a node condition. */
  STEP_FAILED("StepFailed"),
  /** Normal, Node: a run ended without a failed step. */
  RUN_SUCCEEDED("RunSucceeded"),
  /** Warning, Node: a run ended with at least one failed step. */
  RUN_FAILED("RunFailed"),
  /** Normal, Beacon: a check passed, for a Beacon with no {@code emit.reason}. */
  BEACON_PASSED("BeaconPassed"),
  /** Warning, Beacon: a check failed, for a Beacon with no {@code emit.reason}. */
  BEACON_FAILED("BeaconFailed"),

  // Node conditions (not events).

  /** Ready: the last run applied the current plan. */
  RECONCILIATION_SUCCEEDED("ReconciliationSucceeded"),
  /** Reconciling: the last run applied an older plan. */
  PLAN_NOT_APPLIED("PlanNotApplied"),
  /** Reconciling: the node has a plan and never ran it. */
  NEVER_RUN("NeverRun"),
  /** Unknown: a Node object no agent has announced. */
  NOT_REGISTERED("NotRegistered"),
  /** Unknown: a registered node no TaskBook or Beacon targets. */
  NO_PLAN("NoPlan"),
  /** Pending: an enrollment waits for {@code eden nodes approve}. */
  AWAITING_APPROVAL("AwaitingApproval");

  private final String text;

  Reason(String text) {
    this.text = text;
  }

  /** As events and conditions carry it: {@code RevisionAccepted}. */
  public String text() {
    return text;
  }
}
