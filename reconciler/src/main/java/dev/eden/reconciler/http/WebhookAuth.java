package dev.eden.reconciler.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a webhook request carries the shared token: {@code Authorization: Bearer
 * <token>}, GitLab's {@code X-Gitlab-Token: <token>}, or an HMAC-SHA256 of the body keyed by the
 * token as GitHub ({@code X-Hub-Signature-256: sha256=<hex>}) and Gitea ({@code X-Gitea-Signature:
 * <hex>}) send it. Comparisons take constant time.
 */
final class WebhookAuth {

  private final byte[] token;

  WebhookAuth(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** The headers a forge may authenticate with; null when absent. */
  record Headers(
      String authorization, String gitlabToken, String hubSignature, String giteaSignature) {}

  boolean allows(Headers h, byte[] body) {
    return bearer(h.authorization())
        || same(h.gitlabToken(), token)
        || signature(h.hubSignature(), body)
        || (h.giteaSignature() != null && signature("sha256=" + h.giteaSignature(), body));
  }

  private static boolean same(String given, byte[] expected) {
    return given != null
        && MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8), expected);
  }

  boolean bearer(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    return same(header.substring(7), token);
  }

  boolean signature(String header, byte[] body) {
    if (header == null || !header.startsWith("sha256=")) {
      return false;
    }
    byte[] expected =
        ("sha256=" + HexFormat.of().formatHex(hmac(body))).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.US_ASCII), expected);
  }

  private byte[] hmac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
