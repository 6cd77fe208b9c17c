package dev.eden.reconciler.trust;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time bootstrap tokens: 32 random bytes, stored only as SHA-256 hashes, with a time to live
 * and optionally a node name and labels they are bound to. A token is redeemed at most once.
 */
public final class TokenStore {

  /** A token just created: the secret exists only in this value and in what the caller prints. */
  public record NewToken(String secret, String hashPrefix, Instant expires) {
    @Override
    public String toString() {
      return "NewToken[hash=" + hashPrefix + "…, expires=" + expires + "]";
    }
  }

  /** What a redeemed token grants: the labels it carries. */
  public record Grant(Map<String, String> labels) {}

  private static final Logger log = LoggerFactory.getLogger(TokenStore.class);
  private static final Duration MAX_TTL = Duration.ofDays(7);

  private final TrustDb db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public TokenStore(TrustDb db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Creates a token valid for {@code ttl}, for any node or only for {@code node}.
   *
   * @throws TrustException INVALID_REQUEST for a TTL outside (0, 7 days], a bad name or labels
   */
  public NewToken create(Duration ttl, Optional<String> node, Map<String, String> labels) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw TrustException.invalid("ttl must be more than 0 and at most 7 days");
    }
    node.ifPresent(n -> Identity.requireName(n, "node"));
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = hash(secret);
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    synchronized (db.lock()) {
      try (PreparedStatement st =
          db.prepare(
              "INSERT INTO tokens(hash, node, labels, created_at, expires_at) VALUES (?,?,?,?,?)")) {
        st.setString(1, hash);
        st.setString(2, node.orElse(null));
        st.setString(3, Labels.encode(labels));
        st.setLong(4, now.toEpochMilli());
        st.setLong(5, expires.toEpochMilli());
        st.executeUpdate();
      } catch (SQLException e) {
        throw TrustException.storage("cannot store a token", e);
      }
    }
    log.info(
        "event=token-created id={} node={} expires={}",
        hash.substring(0, 8),
        node.orElse("*"),
        expires);
    return new NewToken(secret, hash.substring(0, 8), expires);
  }

  /**
   * Redeems {@code secret} for {@code node}: succeeds once, before the TTL, for the bound node.
   *
   * @throws TrustException UNAUTHENTICATED for an unknown, used or expired token, DENIED when the
   *     token is bound to another node; the message never contains the token
   */
  public Grant redeem(String secret, String node) {
    String hash = hash(secret);
    long now = clock.millis();
    synchronized (db.lock()) {
      try (PreparedStatement st =
          db.prepare("SELECT node, labels, expires_at, used_at FROM tokens WHERE hash = ?")) {
        st.setString(1, hash);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            throw refused(hash, node, "unknown token");
          }
          if (rs.getObject("used_at") != null) {
            throw refused(hash, node, "token was already used");
          }
          if (now >= rs.getLong("expires_at")) {
            throw refused(hash, node, "token expired");
          }
          String bound = rs.getString("node");
          if (bound != null && !bound.equals(node)) {
            log.warn(
                "event=token-refused id={} node={} reason=bound-to-other-node",
                hash.substring(0, 8),
                node);
            throw new TrustException(
                TrustException.Reason.DENIED, "token is bound to another node name");
          }
          Grant grant = new Grant(Labels.decode(rs.getString("labels")));
          markUsed(hash, node, now);
          return grant;
        }
      } catch (SQLException e) {
        throw TrustException.storage("cannot redeem a token", e);
      }
    }
  }

  private void markUsed(String hash, String node, long now) throws SQLException {
    try (PreparedStatement st =
        db.prepare(
            "UPDATE tokens SET used_at = ?, used_by = ? WHERE hash = ? AND used_at IS NULL")) {
      st.setLong(1, now);
      st.setString(2, node);
      st.setString(3, hash);
      if (st.executeUpdate() != 1) {
        throw refused(hash, node, "token was already used");
      }
    }
    log.info("event=token-redeemed id={} node={}", hash.substring(0, 8), node);
  }

  private static TrustException refused(String hash, String node, String why) {
    log.warn("event=token-refused id={} node={} reason=\"{}\"", hash.substring(0, 8), node, why);
    return TrustException.unauthenticated("bootstrap token refused: " + why);
  }

  static String hash(String secret) {
    return CertificateRequest.sha256Hex(
        (secret == null ? "" : secret).getBytes(StandardCharsets.UTF_8));
  }
}
