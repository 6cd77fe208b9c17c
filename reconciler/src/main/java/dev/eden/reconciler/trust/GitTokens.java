package dev.eden.reconciler.trust;

import dev.eden.reconciler.hosted.GitAccess;
import dev.eden.reconciler.hosted.GitCredentials;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens for the hosted repository ({@code eden token create --push|--fetch}): the password of HTTP
 * Basic on {@code /git}. Reusable until they expire; only their SHA-256 is stored.
 */
public final class GitTokens implements GitCredentials {

  private static final Logger log = LoggerFactory.getLogger(GitTokens.class);
  private static final Duration MAX_TTL = Duration.ofDays(366);

  private final TrustDb db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public GitTokens(TrustDb db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Creates a token granting {@code access} for {@code ttl}.
   *
   * @throws TrustException INVALID_REQUEST for a TTL outside (0, 366 days]
   */
  public TokenStore.NewToken create(GitAccess access, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw TrustException.invalid("ttl must be more than 0 and at most 366 days");
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String hash = TokenStore.hash(secret);
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    synchronized (db.lock()) {
      try (PreparedStatement st =
          db.prepare(
              "INSERT INTO git_tokens(hash, access, created_at, expires_at) VALUES (?,?,?,?)")) {
        st.setString(1, hash);
        st.setString(2, access.name());
        st.setLong(3, now.toEpochMilli());
        st.setLong(4, expires.toEpochMilli());
        st.executeUpdate();
      } catch (SQLException e) {
        throw TrustException.storage("cannot store a git token", e);
      }
    }
    log.info(
        "event=git-token-created id={} access={} expires={}",
        hash.substring(0, 8),
        access,
        expires);
    return new TokenStore.NewToken(secret, hash.substring(0, 8), expires);
  }

  @Override
  public Optional<GitAccess> access(String password) {
    if (password == null || password.isEmpty()) {
      return Optional.empty();
    }
    String hash = TokenStore.hash(password);
    synchronized (db.lock()) {
      try (PreparedStatement st =
          db.prepare("SELECT access, expires_at FROM git_tokens WHERE hash = ?")) {
        st.setString(1, hash);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next() || clock.millis() >= rs.getLong("expires_at")) {
            return Optional.empty();
          }
          return Optional.of(GitAccess.valueOf(rs.getString("access")));
        }
      } catch (SQLException e) {
        throw TrustException.storage("cannot read git tokens", e);
      }
    }
  }
}
