package dev.eden.agent.exec;

import com.google.protobuf.CodedOutputStream;
import dev.eden.proto.PlanStep;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a step's deterministic serialization: a once-step runs again only when it changes. */
final class StepFingerprint {
  private StepFingerprint() {}

  static String of(PlanStep step) {
    try {
      var out = new ByteArrayOutputStream();
      var coded = CodedOutputStream.newInstance(out);
      coded.useDeterministicSerialization();
      step.writeTo(coded);
      coded.flush();
      byte[] bytes = out.toByteArray();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}
