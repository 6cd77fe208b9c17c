package dev.eden.reconciler.compile;

import com.google.protobuf.CodedOutputStream;
import dev.eden.proto.NodePlan;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a plan: SHA-256 (hex) over the deterministic serialization of the plan with
 * {@code hash} and {@code revision} cleared. Two revisions that change nothing for a node give it
 * the same hash.
 */
public final class PlanHash {

  private PlanHash() {}

  /** The hash of {@code plan}, ignoring whatever {@code hash} and {@code revision} it carries. */
  public static String of(NodePlan plan) {
    NodePlan content =
        plan.getHash().isEmpty() && plan.getRevision().isEmpty()
            ? plan
            : plan.toBuilder().clearHash().clearRevision().build();
    MessageDigest sha = sha256();
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(new DigestSink(sha), 8192);
      out.useDeterministicSerialization();
      content.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // DigestSink never throws
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * {@code plan} with {@code revision} set and its hash: the one it carries when the compiler
   * already computed it, else computed now.
   */
  public static NodePlan seal(NodePlan plan, String revision) {
    String hash = plan.getHash().isEmpty() ? of(plan) : plan.getHash();
    return plan.toBuilder().setRevision(revision).setHash(hash).build();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Feeds bytes straight into a digest, so no copy of the serialized plan is kept. */
  private static final class DigestSink extends OutputStream {
    private final MessageDigest sha;

    DigestSink(MessageDigest sha) {
      this.sha = sha;
    }

    @Override
    public void write(int b) {
      sha.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      sha.update(b, off, len);
    }
  }
}
