package dev.eden.reconciler.trust;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the reconciler's trust is set up (its command-line flags).
 *
 * @param dataDir the reconciler's data directory: {@code pki/}, {@code trust.db}, {@code
 *     admin.conf}
 * @param caCert an operator-supplied CA certificate ({@code --ca-cert}), with {@code caKey}
 * @param caKey the key of {@code caCert} ({@code --ca-key})
 * @param tlsSans extra names and addresses for the server certificate ({@code --tls-san})
 * @param jdbcUrl where the trust database lives; default {@code jdbc:sqlite:<data-dir>/trust.db}
 * @param nodeValidity how long node certificates are valid (30 days by default)
 */
public record TrustOptions(
    Path dataDir,
    Optional<Path> caCert,
    Optional<Path> caKey,
    List<String> tlsSans,
    Optional<String> jdbcUrl,
    Duration nodeValidity) {

  public TrustOptions {
    if (caCert.isPresent() != caKey.isPresent()) {
      throw TrustException.invalid("--ca-cert and --ca-key go together");
    }
    tlsSans = List.copyOf(tlsSans);
  }

  /** Defaults: a CA created in {@code <dataDir>/pki}, SQLite in the data dir, 30-day nodes. */
  public static TrustOptions defaults(Path dataDir) {
    return new TrustOptions(
        dataDir,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Enrollment.NODE_VALIDITY);
  }

  public TrustOptions withCa(Path cert, Path key) {
    return new TrustOptions(
        dataDir, Optional.of(cert), Optional.of(key), tlsSans, jdbcUrl, nodeValidity);
  }

  public TrustOptions withTlsSans(List<String> sans) {
    return new TrustOptions(dataDir, caCert, caKey, sans, jdbcUrl, nodeValidity);
  }

  public TrustOptions withJdbcUrl(String url) {
    return new TrustOptions(dataDir, caCert, caKey, tlsSans, Optional.of(url), nodeValidity);
  }

  public Path pkiDir() {
    return dataDir.resolve("pki");
  }

  String effectiveJdbcUrl() {
    return jdbcUrl.orElse("jdbc:sqlite:" + dataDir.resolve("trust.db").toAbsolutePath());
  }
}
