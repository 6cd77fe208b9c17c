package dev.eden.reconciler.trust;

/**
 * Bootstrap tokens as people handle them: {@code <secret>.<sha256 of the CA certificate>}, like
 * kubeadm's discovery hash. The server only needs the secret; the agent uses the hash to pin the CA
 * on first contact.
 */
final class BootstrapSecret {

  private BootstrapSecret() {}

  static String format(String secret, String caFingerprint) {
    return secret + "." + caFingerprint;
  }

  /** The secret part of a token given with or without its CA hash. */
  static String secretOf(String token) {
    int dot = token.indexOf('.');
    return dot < 0 ? token : token.substring(0, dot);
  }
}
