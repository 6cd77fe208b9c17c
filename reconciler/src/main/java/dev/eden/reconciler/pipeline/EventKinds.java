package dev.eden.reconciler.pipeline;

/** The object kinds of the events the reconciler emits ({@code ObjectRef.kind}). */
public final class EventKinds {

  private EventKinds() {}

  /** Revision events; the name is the revision id (or the branch, for a failed fetch). */
  public static final String REVISION = "Revision";

  /** Node events. */
  public static final String NODE = "Node";

  /** TaskBook events. */
  public static final String TASKBOOK = "TaskBook";

  /** CronJob events. */
  public static final String CRON_JOB = "CronJob";

  /** The events Triggers emit about themselves. */
  public static final String TRIGGER = "Trigger";

  /** Webhook events; the name is the hook ({@code git}, {@code alertmanager}). */
  public static final String WEBHOOK = "Webhook";

  /**
   * The events made from Alertmanager alerts; the name is the alert's {@code alertname}, which is
   * also the reason, kept as given.
   */
  public static final String ALERT = "Alert";

  public static final String PULL_REQUEST = "PullRequest";
}
