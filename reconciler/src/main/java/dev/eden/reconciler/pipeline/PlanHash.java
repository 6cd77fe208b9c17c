package dev.eden.reconciler.pipeline;

import com.google.protobuf.CodedOutputStream;
import dev.eden.proto.NodePlan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a {@link NodePlan}: SHA-256 (hex) over the deterministic serialization of the
 * plan with {@code hash} and {@code revision} cleared. Two revisions that change nothing for a node
 * give it the same hash.
 */
public final class PlanHash {

  private PlanHash() {}

  /** The hash of {@code plan}'s content (its own {@code hash} and {@code revision} ignored). */
  public static String of(NodePlan plan) {
    NodePlan content = plan.toBuilder().clearHash().clearRevision().build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.getSerializedSize());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    try {
      content.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("serialising a plan in memory", e);
    }
    return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
  }

  /** {@code plan} with {@code revision} set and its {@code hash} computed. */
  public static NodePlan seal(NodePlan plan, String revision) {
    return plan.toBuilder().setRevision(revision).setHash(of(plan)).build();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
