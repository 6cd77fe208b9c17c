package dev.eden.reconciler.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eden.proto.CreateTokenRequest;
import dev.eden.proto.EnrollRequest;
import dev.eden.proto.EnrollmentServiceGrpc;
import dev.eden.proto.TrustAdminServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** slf4j-simple writes to System.err: capture it while tokens, keys and CSRs go through. */
@Isolated
class SecretsInLogsTest {

  @TempDir Path dir;

  @Test
  void tokensKeysAndCertificatesNeverReachTheLog() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    List<String> secrets = new ArrayList<>();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TrustServer s = new TrustServer(dir)) {
      var admin = TrustAdminServiceGrpc.newBlockingStub(s.user("root", Role.ADMIN));
      String token = admin.createToken(CreateTokenRequest.newBuilder().build()).getToken();
      secrets.add(BootstrapSecret.secretOf(token));
      TestKeys keys = TestKeys.of("web-1");
      var enroll =
          EnrollmentServiceGrpc.newBlockingStub(
              s.channel(TestKeys.serverOnlyTls(s.trust.ca().certificate())));
      EnrollRequest request =
          EnrollRequest.newBuilder().setNode("web-1").setCsrPem(keys.csr()).setToken(token).build();
      enroll.enroll(request);
      try {
        enroll.enroll(request);
      } catch (RuntimeException expected) {
        // second use is refused, and logged
      }
      Path conf = s.trust.writeAdminConfigIfAbsent("127.0.0.1:" + s.port());
      secrets.add(pemBody(Files.readString(conf), "PRIVATE KEY"));
      secrets.add(pemBody(Files.readString(dir.resolve("pki/ca.key")), "PRIVATE KEY"));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log)
        .contains("event=token-redeemed", "event=token-refused", "event=admin-config-written");
    assertThat(secrets).allSatisfy(secret -> assertThat(log).doesNotContain(secret));
    assertThat(log).doesNotContain("PRIVATE KEY", "BEGIN CERTIFICATE");
  }

  /** The first base64 line of the PEM block whose label ends with {@code label}. */
  private static String pemBody(String text, String label) {
    int begin = text.indexOf(label + "-----");
    assertThat(begin).isPositive();
    String rest = text.substring(begin + label.length() + 5).strip();
    return rest.lines().findFirst().orElseThrow().strip();
  }
}
