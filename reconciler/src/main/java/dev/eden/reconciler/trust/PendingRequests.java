package dev.eden.reconciler.trust;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Enrollment requests without a token, waiting for {@code eden nodes approve NAME}. */
public final class PendingRequests {

  /** One waiting request. */
  public record Pending(
      String node,
      String csrPem,
      String keySha256,
      Instant requested,
      String peer,
      boolean approved) {}

  private final TrustDb db;
  private final Clock clock;

  public PendingRequests(TrustDb db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Optional<Pending> find(String node) {
    synchronized (db.lock()) {
      try (PreparedStatement st = db.prepare("SELECT * FROM pending WHERE node = ?")) {
        st.setString(1, node);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw TrustException.storage("cannot read pending requests", e);
      }
    }
  }

  public List<Pending> list() {
    synchronized (db.lock()) {
      try (PreparedStatement st = db.prepare("SELECT * FROM pending ORDER BY node");
          ResultSet rs = st.executeQuery()) {
        List<Pending> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row(rs));
        }
        return out;
      } catch (SQLException e) {
        throw TrustException.storage("cannot list pending requests", e);
      }
    }
  }

  /** Stores a new request, or refreshes the time and peer of the same node's same key. */
  void put(String node, String csrPem, String keySha256, String peer) {
    synchronized (db.lock()) {
      try (PreparedStatement st =
          db.prepare(
              "INSERT INTO pending(node, csr_pem, key_sha256, requested_at, peer) VALUES (?,?,?,?,?)"
                  + " ON CONFLICT(node) DO UPDATE SET requested_at = excluded.requested_at,"
                  + " peer = excluded.peer WHERE key_sha256 = excluded.key_sha256")) {
        st.setString(1, node);
        st.setString(2, csrPem);
        st.setString(3, keySha256);
        st.setLong(4, clock.millis());
        st.setString(5, peer);
        st.executeUpdate();
      } catch (SQLException e) {
        throw TrustException.storage("cannot store a pending request", e);
      }
    }
  }

  /**
   * Marks the node's pending request approved; the node's next call gets its certificate.
   *
   * @throws TrustException NOT_FOUND when no request is pending for {@code node}
   */
  public Pending approve(String node) {
    synchronized (db.lock()) {
      try (PreparedStatement st = db.prepare("UPDATE pending SET approved_at = ? WHERE node = ?")) {
        st.setLong(1, clock.millis());
        st.setString(2, node);
        if (st.executeUpdate() == 0) {
          throw new TrustException(
              TrustException.Reason.NOT_FOUND, "no enrollment request is pending for node " + node);
        }
      } catch (SQLException e) {
        throw TrustException.storage("cannot approve a pending request", e);
      }
      return find(node).orElseThrow();
    }
  }

  void remove(String node) {
    synchronized (db.lock()) {
      try (PreparedStatement st = db.prepare("DELETE FROM pending WHERE node = ?")) {
        st.setString(1, node);
        st.executeUpdate();
      } catch (SQLException e) {
        throw TrustException.storage("cannot remove a pending request", e);
      }
    }
  }

  private static Pending row(ResultSet rs) throws SQLException {
    return new Pending(
        rs.getString("node"),
        rs.getString("csr_pem"),
        rs.getString("key_sha256"),
        Instant.ofEpochMilli(rs.getLong("requested_at")),
        rs.getString("peer"),
        rs.getObject("approved_at") != null);
  }
}
