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
 * <token>}, or a GitHub {@code X-Hub-Signature-256} (HMAC-SHA256 of the body keyed by the token).
 * Comparisons take constant time.
 */
final class WebhookAuth {

  private final byte[] token;

  WebhookAuth(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  boolean allows(String authorization, String hubSignature, byte[] body) {
    return bearer(authorization) || signature(hubSignature, body);
  }

  boolean bearer(String header) {
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
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
