package dev.eden.reconciler;

import dev.eden.reconciler.source.VerificationConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How desired state may reach this site: signed commits only, and whether the reconciler hosts the
 * repository itself ({@code --hosted}: {@code git push} to {@code /git} on the HTTP port).
 *
 * @param verification which signatures a revision needs
 * @param hosted keep the repository in {@code <data-dir>/git} and take pushes instead of fetching
 * @param allowForcePush accept a non-fast-forward push
 * @param maxPushSize the largest pack a push may send, in bytes
 * @param bundleDir a drop folder of bundle files to import ({@code --bundle-dir}), when hosted
 */
public record SiteOptions(
    VerificationConfig verification,
    boolean hosted,
    boolean allowForcePush,
    long maxPushSize,
    Optional<Path> bundleDir) {

  /** 256 MiB. */
  public static final long DEFAULT_MAX_PUSH_SIZE = 256L * 1024 * 1024;

  public SiteOptions {
    if (bundleDir.isPresent() && !hosted) {
      throw new IllegalArgumentException(
          "--bundle-dir needs --hosted: bundles are imported into the repository the reconciler"
              + " keeps");
    }
    if (maxPushSize < 1) {
      throw new IllegalArgumentException("--max-push-size must be positive, got " + maxPushSize);
    }
  }

  /** Fetch from --repo, accept unsigned commits. */
  public static SiteOptions defaults() {
    return new SiteOptions(
        VerificationConfig.off(), false, false, DEFAULT_MAX_PUSH_SIZE, Optional.empty());
  }

  public SiteOptions withVerification(VerificationConfig v) {
    return new SiteOptions(v, hosted, allowForcePush, maxPushSize, bundleDir);
  }

  /** Hosted, with these push rules. */
  public SiteOptions hosting(boolean allowForce, long maxSize) {
    return new SiteOptions(verification, true, allowForce, maxSize, bundleDir);
  }

  /** Hosted, importing the bundle files dropped in {@code dir}. */
  public SiteOptions withBundleDir(Path dir) {
    return new SiteOptions(verification, hosted, allowForcePush, maxPushSize, Optional.of(dir));
  }
}
