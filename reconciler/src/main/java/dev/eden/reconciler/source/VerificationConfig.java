package dev.eden.reconciler.source;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which signatures a revision needs before it is loaded ({@code --verify-commits}, {@code
 * --verify-gpg-keys}, {@code --verify-mode}).
 *
 * @param allowedSigners an OpenSSH allowed-signers file, as git's {@code
 *     gpg.ssh.allowedSignersFile}
 * @param gpgKeys a file of armored OpenPGP public keys
 * @param mode which commits must be signed
 */
public record VerificationConfig(Optional<Path> allowedSigners, Optional<Path> gpgKeys, Mode mode) {

  /** Which commits of a new revision must carry a valid signature. */
  public enum Mode {
    /** Only the new head. */
    HEAD,
    /** Every commit after the last accepted revision, up to the new head. */
    ALL;

    /**
     * @throws IllegalArgumentException for anything but head or all
     */
    public static Mode parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--verify-mode must be head or all, not '" + text + "'", e);
      }
    }
  }

  /** Nothing is verified. */
  public static VerificationConfig off() {
    return new VerificationConfig(Optional.empty(), Optional.empty(), Mode.ALL);
  }

  /** True when some signature is required. */
  public boolean enabled() {
    return allowedSigners.isPresent() || gpgKeys.isPresent();
  }
}
