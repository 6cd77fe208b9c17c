package dev.eden.reconciler.compile;

import com.google.protobuf.Struct;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/** A SHA-256 over length-prefixed parts, so that ("ab","c") and ("a","bc") differ. */
final class Digest {

  private final MessageDigest sha = PlanHash.sha256();

  Digest add(String s) {
    return add(s.getBytes(StandardCharsets.UTF_8));
  }

  Digest add(byte[] bytes) {
    int n = bytes.length;
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    sha.update(bytes);
    return this;
  }

  Digest add(Map<String, String> labels) {
    new TreeMap<>(labels).forEach((k, v) -> add(k).add(v));
    return add("}");
  }

  byte[] done() {
    return sha.digest();
  }

  static byte[] of(String s) {
    return new Digest().add(s).done();
  }

  static byte[] of(Struct facts) {
    return new Digest().add(facts.toByteArray()).done();
  }
}
