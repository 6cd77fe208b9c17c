package dev.eden.reconciler.bundle;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a bundle file says about its Git bundle, as {@code key: value} lines (the bytes that {@code
 * manifest.sig} signs).
 *
 * @param ref the full ref name the bundle carries ({@code refs/heads/main})
 * @param tip the commit the ref points to
 * @param sha256 the SHA-256 of {@code git.bundle}, in hex
 * @param created when the bundle was made
 */
public record Manifest(String ref, String tip, String sha256, Instant created) {

  private static final String VERSION = "eden-bundle: 1";
  private static final List<String> FIELDS = List.of("ref", "tip", "sha256", "created");

  /** The manifest as its file holds it. */
  public byte[] bytes() {
    String text =
        VERSION
            + "\nref: "
            + ref
            + "\ntip: "
            + tip
            + "\nsha256: "
            + sha256
            + "\ncreated: "
            + created
            + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @throws BundleRefused naming the line or the field that is wrong
   */
  public static Manifest parse(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (!lines[0].equals(VERSION)) {
      throw new BundleRefused("manifest:1:1: expected '" + VERSION + "'; make it with eden bundle");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      int colon = lines[i].indexOf(": ");
      if (colon < 0 || !FIELDS.contains(lines[i].substring(0, colon))) {
        throw new BundleRefused("manifest:" + (i + 1) + ":1: expected one of " + FIELDS);
      }
      values.put(lines[i].substring(0, colon), lines[i].substring(colon + 2).trim());
    }
    for (String field : FIELDS) {
      if (values.getOrDefault(field, "").isEmpty()) {
        throw new BundleRefused("manifest: field " + field + " is missing");
      }
    }
    if (!values.get("tip").matches("[0-9a-f]{40}")) {
      throw new BundleRefused("manifest: field tip must be a 40-digit commit id");
    }
    try {
      return new Manifest(
          values.get("ref"),
          values.get("tip"),
          values.get("sha256"),
          Instant.parse(values.get("created")));
    } catch (DateTimeParseException e) {
      throw new BundleRefused("manifest: field created is not an ISO-8601 instant", e);
    }
  }
}
