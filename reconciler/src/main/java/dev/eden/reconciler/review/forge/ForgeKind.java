package dev.eden.reconciler.review.forge;

import java.util.Locale;

/** The Git forges whose pull requests the reconciler previews. */
public enum ForgeKind {
  GITHUB,
  GITLAB,
  GITEA;

  /** {@code github}, {@code gitlab}, {@code gitea}: as {@code --forge} spells it. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for any other name (the message lists the known ones)
   */
  public static ForgeKind of(String flag) {
    for (ForgeKind k : values()) {
      if (k.flag().equals(flag.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "--forge " + flag + ": not a forge eden knows; give github, gitlab or gitea");
  }

  /** The ref a forge keeps a pull request's head under, in the repository itself. */
  public String headRef(long number) {
    return this == GITLAB
        ? "refs/merge-requests/" + number + "/head"
        : "refs/pull/" + number + "/head";
  }

  /** The header that names a webhook's event. */
  public String eventHeader() {
    return switch (this) {
      case GITHUB -> "X-GitHub-Event";
      case GITLAB -> "X-Gitlab-Event";
      case GITEA -> "X-Gitea-Event";
    };
  }

  /** That header's value for pull-request (merge-request) events. */
  public String pullRequestEvent() {
    return this == GITLAB ? "Merge Request Hook" : "pull_request";
  }
}
