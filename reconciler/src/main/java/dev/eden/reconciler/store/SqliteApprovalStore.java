package dev.eden.reconciler.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link ApprovalStore} in the reconciler's SQLite file, beside the revisions. */
final class SqliteApprovalStore implements ApprovalStore {

  private final Database db;

  SqliteApprovalStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Approved> approved(String taskbook) {
    return db.transaction(
        "reading the approval of " + taskbook,
        c ->
            Database.query(
                    c,
                    "SELECT taskbook, revision, commit_sha, digest, approved_by, approved_ms "
                        + "FROM taskbook_approvals WHERE taskbook = ?",
                    s -> s.setString(1, taskbook),
                    SqliteApprovalStore::approvedRow)
                .stream()
                .findFirst());
  }

  @Override
  public void approve(Approved a) {
    db.transaction(
        "approving " + a.taskBook(),
        c ->
            Database.update(
                c,
                "INSERT OR REPLACE INTO taskbook_approvals "
                    + "(taskbook, revision, commit_sha, digest, approved_by, approved_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?)",
                s -> {
                  s.setString(1, a.taskBook());
                  s.setString(2, a.revision());
                  s.setString(3, a.commit());
                  s.setString(4, a.digest());
                  s.setString(5, a.by());
                  s.setLong(6, a.at().toEpochMilli());
                }));
  }

  @Override
  public void revoke(String taskbook) {
    db.transaction(
        "revoking the approval of " + taskbook,
        c ->
            Database.update(
                c,
                "DELETE FROM taskbook_approvals WHERE taskbook = ?",
                s -> s.setString(1, taskbook)));
  }

  @Override
  public boolean recordPending(Pending p) {
    return db.transaction(
        "recording a pending version of " + p.taskBook(),
        c -> {
          boolean seen = !versions(c, p.taskBook(), p.digest()).isEmpty();
          Database.update(
              c,
              "INSERT OR IGNORE INTO taskbook_pending "
                  + "(taskbook, revision, commit_sha, digest, seen_ms) VALUES (?, ?, ?, ?, ?)",
              s -> {
                s.setString(1, p.taskBook());
                s.setString(2, p.revision());
                s.setString(3, p.commit());
                s.setString(4, p.digest());
                s.setLong(5, p.seen().toEpochMilli());
              });
          return !seen;
        });
  }

  @Override
  public List<Pending> pendingOf(String taskbook) {
    return db.transaction(
        "reading pending versions of " + taskbook,
        c ->
            Database.query(
                c,
                "SELECT taskbook, revision, commit_sha, digest, seen_ms FROM taskbook_pending "
                    + "WHERE taskbook = ? ORDER BY seen_ms, rowid",
                s -> s.setString(1, taskbook),
                SqliteApprovalStore::pendingRow));
  }

  @Override
  public List<Pending> pendingVersions(String taskbook, String digest) {
    return db.transaction(
        "reading pending versions of " + taskbook, c -> versions(c, taskbook, digest));
  }

  private static List<Pending> versions(Connection c, String taskbook, String digest)
      throws SQLException {
    return Database.query(
        c,
        "SELECT taskbook, revision, commit_sha, digest, seen_ms FROM taskbook_pending "
            + "WHERE taskbook = ? AND digest = ? ORDER BY seen_ms, rowid",
        s -> {
          s.setString(1, taskbook);
          s.setString(2, digest);
        },
        SqliteApprovalStore::pendingRow);
  }

  private static Approved approvedRow(ResultSet r) throws SQLException {
    return new Approved(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        Instant.ofEpochMilli(r.getLong(6)));
  }

  private static Pending pendingRow(ResultSet r) throws SQLException {
    return new Pending(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        Instant.ofEpochMilli(r.getLong(5)));
  }
}
