package dev.eden.reconciler;

import dev.eden.reconciler.source.VerificationConfig;

/**
 * How desired state may reach this site: signed commits only, and whether the reconciler hosts the
 * repository itself ({@code --hosted}: {@code git push} to {@code /git} on the HTTP port).
 *
 * @param verification which signatures a revision needs
 * @param hosted keep the repository in {@code <data-dir>/git} and take pushes instead of fetching
 * @param allowForcePush accept a non-fast-forward push
 * @param maxPushSize the largest pack a push may send, in bytes
 */
public record SiteOptions(
    VerificationConfig verification, boolean hosted, boolean allowForcePush, long maxPushSize) {

  /** 256 MiB. */
  public static final long DEFAULT_MAX_PUSH_SIZE = 256L * 1024 * 1024;

  public SiteOptions {
    if (maxPushSize < 1) {
      throw new IllegalArgumentException("--max-push-size must be positive, got " + maxPushSize);
    }
  }

  /** Fetch from --repo, accept unsigned commits. */
  public static SiteOptions defaults() {
    return new SiteOptions(VerificationConfig.off(), false, false, DEFAULT_MAX_PUSH_SIZE);
  }

  public SiteOptions withVerification(VerificationConfig v) {
    return new SiteOptions(v, hosted, allowForcePush, maxPushSize);
  }

  /** Hosted, with these push rules. */
  public SiteOptions hosting(boolean allowForce, long maxSize) {
    return new SiteOptions(verification, true, allowForce, maxSize);
  }
}
