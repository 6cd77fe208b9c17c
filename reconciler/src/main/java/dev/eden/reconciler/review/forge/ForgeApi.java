package dev.eden.reconciler.review.forge;

import java.net.http.HttpClient;
import java.util.OptionalLong;

/** What a preview asks of a forge: a commit status and one comment, edited in place. */
public interface ForgeApi {

  /** The context (GitHub, Gitea) or name (GitLab) of eden's commit status. */
  String CONTEXT = "eden/plan";

  /** Sets the {@code eden/plan} status of commit {@code sha}. */
  void status(String sha, CommitState state, String description) throws ForgeException;

  /**
   * The id of the pull request's comment whose body starts with {@code marker}, if there is one.
   */
  OptionalLong findComment(long number, String marker) throws ForgeException;

  /** Adds a comment to the pull request; returns its id. */
  long addComment(long number, String body) throws ForgeException;

  /** Replaces the body of comment {@code id} of the pull request. */
  void editComment(long number, long id, String body) throws ForgeException;

  /** The API client for {@code config}'s forge. */
  static ForgeApi of(ForgeConfig config, HttpClient http) {
    ForgeHttp client = new ForgeHttp(http, config);
    return config.kind() == ForgeKind.GITLAB
        ? new GitLabApi(client, config.repository())
        : new GitHubApi(client, config.repository(), config.kind());
  }
}
