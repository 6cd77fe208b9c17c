package dev.eden.reconciler.hosted;

import java.util.Optional;

/** Who may fetch from and push to the hosted repository: the password of HTTP Basic. */
@FunctionalInterface
public interface GitCredentials {

  /** What {@code password} allows; empty for an unknown or expired one. */
  Optional<GitAccess> access(String password);

  /** Nobody: until the reconciler knows its tokens, every request gets 401. */
  static GitCredentials nobody() {
    return password -> Optional.empty();
  }

  /** Anybody may push, with or without a password ({@code --insecure}). */
  static GitCredentials anybody() {
    return password -> Optional.of(GitAccess.PUSH);
  }

  /** True when a request without any credential is let in (only {@link #anybody()}). */
  default boolean open() {
    return access("").isPresent();
  }
}
