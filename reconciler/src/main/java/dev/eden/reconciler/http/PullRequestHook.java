package dev.eden.reconciler.http;

import com.sun.net.httpserver.Headers;
import dev.eden.common.Reason;
import dev.eden.proto.Event;
import dev.eden.reconciler.pipeline.EventKinds;
import dev.eden.reconciler.pipeline.EventLog;
import dev.eden.reconciler.review.forge.PullRequestPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull-request events on {@code POST /hooks/git}: GitHub's {@code X-GitHub-Event: pull_request},
 * Gitea's {@code X-Gitea-Event: pull_request}, GitLab's {@code X-Gitlab-Event: Merge Request Hook},
 * authenticated as push events are.
 */
final class PullRequestHook {

  private static final Logger LOG = LoggerFactory.getLogger(PullRequestHook.class);

  private PullRequestHook() {}

  static boolean isPullRequest(Headers h) {
    return "pull_request".equals(h.getFirst("X-GitHub-Event"))
        || "pull_request".equals(h.getFirst("X-Gitea-Event"))
        || "Merge Request Hook".equals(h.getFirst("X-Gitlab-Event"));
  }

  /**
   * Hands the event to the previews.
   *
   * @return the 202 answer's text
   * @throws BadRequest when the payload is malformed or for another repository
   */
  static String accept(Hooks hooks, byte[] body) throws BadRequest {
    if (hooks.previews().isEmpty()) {
      return "ignored: pull-request previews are off (start the reconciler with --forge)";
    }
    String answer;
    try {
      answer = hooks.previews().get().accept(body);
    } catch (PullRequestPayload.Malformed e) {
      throw new BadRequest(e.getMessage());
    }
    hooks
        .events()
        .emit(
            Event.Type.NORMAL,
            Reason.WEBHOOK_RECEIVED,
            EventLog.object(EventKinds.WEBHOOK, "git"),
            "",
            "",
            "git: pull request: " + answer);
    LOG.info("event=hook_accepted path=/hooks/git kind=pull_request answer=\"{}\"", answer);
    return answer;
  }
}
