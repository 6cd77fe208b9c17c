package dev.eden.agent.trust;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A bootstrap token as given to {@code eden agent --enroll}: {@code <secret>} or {@code
 * <secret>.<sha256 hex of the CA certificate>}. The hash lets the agent trust the reconciler's CA
 * on first contact without a {@code --ca-cert} file, as kubeadm's discovery-token-ca-cert-hash
 * does. {@link #toString()} never shows the secret.
 */
public record EnrollmentToken(String secret, Optional<String> caSha256) {

  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{20,128}");
  private static final Pattern HASH = Pattern.compile("(sha256:)?[0-9a-fA-F]{64}");

  /**
   * @throws IllegalArgumentException when the text is not a token (the message omits the text)
   */
  public static EnrollmentToken parse(String text) {
    String t = text == null ? "" : text.trim();
    int dot = t.indexOf('.');
    String secret = dot < 0 ? t : t.substring(0, dot);
    if (!SECRET.matcher(secret).matches()) {
      throw new IllegalArgumentException("--enroll: not an eden bootstrap token");
    }
    if (dot < 0) {
      return new EnrollmentToken(secret, Optional.empty());
    }
    String hash = t.substring(dot + 1);
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException(
          "--enroll: the part after '.' must be the SHA-256 (hex) of the CA certificate");
    }
    return new EnrollmentToken(secret, Optional.of(hash.replace("sha256:", "").toLowerCase()));
  }

  @Override
  public String toString() {
    return "EnrollmentToken[secret=<hidden>, caSha256=" + caSha256.orElse("-") + "]";
  }
}
