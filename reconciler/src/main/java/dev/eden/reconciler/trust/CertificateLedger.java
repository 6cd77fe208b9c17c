package dev.eden.reconciler.trust;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every certificate the CA issued (serial, subject, labels) and which are revoked. The revoked
 * serials are kept in memory too, since they are checked on every call.
 */
public final class CertificateLedger {

  private final TrustDb db;
  private final Clock clock;
  private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();

  public CertificateLedger(TrustDb db, Clock clock) {
    this.db = db;
    this.clock = clock;
    synchronized (db.lock()) {
      try (PreparedStatement st =
              db.prepare("SELECT serial FROM certificates WHERE revoked_at IS NOT NULL");
          ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          revoked.add(new BigInteger(rs.getString(1), 16));
        }
      } catch (SQLException e) {
        throw TrustException.storage("cannot read revocations", e);
      }
    }
  }

  void recordIssued(Identity subject, X509Certificate cert, Map<String, String> labels) {
    synchronized (db.lock()) {
      try (PreparedStatement st =
          db.prepare(
              "INSERT INTO certificates(serial, subject, not_after, issued_at, labels)"
                  + " VALUES (?,?,?,?,?)")) {
        st.setString(1, cert.getSerialNumber().toString(16));
        st.setString(2, subject.describe());
        st.setLong(3, cert.getNotAfter().getTime());
        st.setLong(4, clock.millis());
        st.setString(5, Labels.encode(labels));
        st.executeUpdate();
      } catch (SQLException e) {
        throw TrustException.storage("cannot record an issued certificate", e);
      }
    }
  }

  /** Revokes every certificate issued to {@code node}; returns how many were not yet revoked. */
  public int revokeNode(String node) {
    String subject = new Identity.Node(node).describe();
    synchronized (db.lock()) {
      List<BigInteger> serials = new ArrayList<>();
      try (PreparedStatement st =
          db.prepare("SELECT serial FROM certificates WHERE subject = ? AND revoked_at IS NULL")) {
        st.setString(1, subject);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            serials.add(new BigInteger(rs.getString(1), 16));
          }
        }
      } catch (SQLException e) {
        throw TrustException.storage("cannot read certificates", e);
      }
      try (PreparedStatement st =
          db.prepare(
              "UPDATE certificates SET revoked_at = ? WHERE subject = ? AND revoked_at IS NULL")) {
        st.setLong(1, clock.millis());
        st.setString(2, subject);
        st.executeUpdate();
      } catch (SQLException e) {
        throw TrustException.storage("cannot revoke certificates", e);
      }
      revoked.addAll(serials);
      return serials.size();
    }
  }

  public boolean isRevoked(BigInteger serial) {
    return revoked.contains(serial);
  }

  /** The labels bound to the node by the token it enrolled with (latest certificate). */
  public Map<String, String> labels(String node) {
    synchronized (db.lock()) {
      try (PreparedStatement st =
          db.prepare(
              "SELECT labels FROM certificates WHERE subject = ? AND revoked_at IS NULL"
                  + " ORDER BY issued_at DESC LIMIT 1")) {
        st.setString(1, new Identity.Node(node).describe());
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Labels.decode(rs.getString(1)) : Map.of();
        }
      } catch (SQLException e) {
        throw TrustException.storage("cannot read labels", e);
      }
    }
  }
}
