package dev.eden.reconciler.http;

import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.review.forge.PullRequestPreviews;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the webhooks need.
 *
 * @param token the shared secret every hook requires ({@link WebhookAuth}); without one, {@code
 *     /hooks/git} is open and {@code /hooks/alertmanager} refuses every request
 * @param fetchNow asked to fetch (asynchronously) when {@code /hooks/git} is called
 * @param events where hook requests and alerts are recorded
 * @param registeredNode whether a name is a registered node (an alert's {@code node} or {@code
 *     instance} label names it)
 * @param previews what {@code /hooks/git} hands pull-request events to (closed with the endpoint);
 *     empty without {@code --forge}
 */
public record Hooks(
    Optional<String> token,
    Runnable fetchNow,
    EventLog events,
    Predicate<String> registeredNode,
    Optional<PullRequestPreviews> previews) {

  /** Hooks without pull-request previews. */
  public Hooks(
      Optional<String> token,
      Runnable fetchNow,
      EventLog events,
      Predicate<String> registeredNode) {
    this(token, fetchNow, events, registeredNode, Optional.empty());
  }
}
