package dev.eden.reconciler.coord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The membership records' SQL ({@code coord_members}); every method runs inside a transaction. */
final class MemberRows {

  private static final String KEY =
      "revision = ? AND dispatch = ? AND taskbook = ? AND step_id = ?";

  private final CoordDatabase db;

  MemberRows(CoordDatabase db) {
    this.db = db;
  }

  void record(Memberships m) throws SQLException {
    if (m.wholeRevision()) {
      db.update("DELETE FROM coord_members WHERE revision = ? AND dispatch = ''", m.revision());
    } else if (!m.revision().isEmpty()) {
      for (String node : m.nodes()) {
        db.update(
            "DELETE FROM coord_members WHERE revision = ? AND dispatch = '' AND node = ?",
            m.revision(),
            node);
      }
    }
    try (PreparedStatement ps =
        db.prepare(
            "INSERT OR REPLACE INTO coord_members(revision, dispatch, taskbook, step_id, node,"
                + " candidate, sync, serialize_count, target_limit)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (MemberRecord r : m.records()) {
        MemberKey k = r.key();
        ps.setString(1, k.revision());
        ps.setString(2, k.dispatch());
        ps.setString(3, k.taskbook());
        ps.setString(4, k.stepId());
        ps.setString(5, r.node());
        ps.setInt(6, r.candidate() ? 1 : 0);
        ps.setInt(7, r.rule().sync() ? 1 : 0);
        ps.setInt(8, r.rule().serializeCount());
        ps.setInt(9, r.rule().targetLimit());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  void prune(Set<String> revisions, Set<String> dispatches) throws SQLException {
    for (String revision : db.strings("SELECT DISTINCT revision FROM coord_members")) {
      if (!revision.isEmpty() && !revisions.contains(revision)) {
        db.update("DELETE FROM coord_members WHERE revision = ?", revision);
      }
    }
    for (String dispatch : db.strings("SELECT DISTINCT dispatch FROM coord_members")) {
      if (!dispatch.isEmpty() && !dispatches.contains(dispatch)) {
        db.update("DELETE FROM coord_members WHERE dispatch = ?", dispatch);
      }
    }
  }

  Optional<StepMembership> of(MemberKey key) throws SQLException {
    Set<String> members = new TreeSet<>();
    List<String> candidates = new ArrayList<>();
    StepRule rule = null;
    try (PreparedStatement ps =
            db.prepare(
                "SELECT node, candidate, sync, serialize_count, target_limit FROM coord_members"
                    + " WHERE "
                    + KEY
                    + " ORDER BY node",
                key.revision(),
                key.dispatch(),
                key.taskbook(),
                key.stepId());
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        members.add(rs.getString(1));
        if (rs.getInt(2) == 1) {
          candidates.add(rs.getString(1));
        }
        rule = new StepRule(rs.getInt(3) == 1, rs.getInt(4), rs.getInt(5));
      }
    }
    return rule == null
        ? Optional.empty()
        : Optional.of(new StepMembership(key, rule, new TreeSet<>(members), candidates));
  }
}
