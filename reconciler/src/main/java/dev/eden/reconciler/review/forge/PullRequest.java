package dev.eden.reconciler.review.forge;

/**
 * A pull request (GitLab: merge request) to preview, as its webhook described it.
 *
 * @param number its number (GitLab: iid)
 * @param headSha the commit to preview
 * @param baseBranch the branch it would merge into
 * @param baseSha the base branch's commit the forge names ("" when it names none)
 */
public record PullRequest(long number, String headSha, String baseBranch, String baseSha) {

  public String shortHead() {
    return headSha.substring(0, Math.min(7, headSha.length()));
  }
}
