package dev.eden.reconciler.trust;

import dev.eden.common.pem.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client configuration file (YAML, mode 0600): server address, CA, a user certificate and its
 * key. The reconciler writes {@code <data-dir>/admin.conf} with an admin certificate on first
 * start, as k3s does with its kubeconfig; {@code eden config create-user} writes others.
 */
public record AdminConfig(
    String server, String user, Role role, String caPem, String certificatePem, String keyPem) {

  public static final String FILE = "admin.conf";
  private static final Logger log = LoggerFactory.getLogger(AdminConfig.class);

  /**
   * Writes {@code <data-dir>/admin.conf} unless it exists; returns its path either way.
   *
   * @param server the address clients should dial (host:port)
   */
  public static Path writeIfAbsent(Path dataDir, Trust trust, String server) {
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      return file;
    }
    KeyPair pair = Pem.newKeyPair();
    CertificateAuthority ca = trust.ca();
    X509Certificate cert =
        ca.issueUser(pair.getPublic(), "admin", Role.ADMIN, Enrollment.USER_VALIDITY);
    trust.ledger().recordIssued(new Identity.User("admin", Role.ADMIN), cert, Map.of());
    AdminConfig config =
        new AdminConfig(
            server,
            "admin",
            Role.ADMIN,
            ca.certificatePem(),
            Pem.encode(cert, ca.certificate()),
            Pem.encode(pair.getPrivate()));
    PrivateFiles.write(file, config.toYaml());
    log.info("event=admin-config-written file={} server={}", file, server);
    return file;
  }

  /** The YAML text: PEM blocks as literal scalars. */
  public String toYaml() {
    return "# eden client configuration. It holds a private key: keep it mode 0600.\n"
        + "server: \""
        + server
        + "\"\n"
        + "user: "
        + user
        + "\n"
        + "role: "
        + role.wireName()
        + "\n"
        + block("ca", caPem)
        + block("certificate", certificatePem)
        + block("key", keyPem);
  }

  @Override
  public String toString() {
    return "AdminConfig[server=" + server + ", user=" + user + ", role=" + role + ", key=<hidden>]";
  }

  private static String block(String key, String pem) {
    StringBuilder b = new StringBuilder(key).append(": |\n");
    pem.lines().forEach(line -> b.append("  ").append(line).append('\n'));
    return b.toString();
  }
}
