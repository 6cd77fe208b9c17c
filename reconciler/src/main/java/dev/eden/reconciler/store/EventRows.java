package dev.eden.reconciler.store;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.Event;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The events table: insert, fold repeats, list. Called inside a transaction. */
final class EventRows {

  /** Labels that name one occurrence of an event rather than the event: not part of its key. */
  static final Set<String> OCCURRENCE_LABELS = Set.of("run");

  private EventRows() {}

  /**
   * Stores {@code event}, folding it into an earlier one with the same key. An id stored before, as
   * its own event or folded into another, changes nothing: the event it went into is returned as it
   * is (same seq).
   */
  static Event record(Connection c, Event event) throws SQLException {
    Optional<Event> same =
        one(
            c,
            "SELECT e.event FROM event_ids i JOIN events e ON e.fold_key = i.fold_key"
                + " WHERE i.id = ?",
            event.getId());
    if (same.isPresent()) {
      return same.get();
    }
    long seq = nextSeq(c);
    String key = foldKey(event);
    Database.update(
        c,
        "INSERT OR REPLACE INTO event_ids (id, fold_key) VALUES (?, ?)",
        s -> {
          s.setString(1, event.getId());
          s.setString(2, key);
        });
    Optional<Event> repeat = one(c, "SELECT event FROM events WHERE fold_key = ?", key);
    if (repeat.isPresent()) {
      return fold(c, key, seq, repeat.get(), event);
    }
    return insert(
        c, key, event.toBuilder().setSeq(seq).setCount(Math.max(1, event.getCount())).build());
  }

  /** Kubernetes-style: the old event counts one more, moves to the end with a new seq. */
  private static Event fold(Connection c, String key, long seq, Event old, Event repeat)
      throws SQLException {
    Event stored =
        old.toBuilder()
            .setSeq(seq)
            .setCount(old.getCount() + Math.max(1, repeat.getCount()))
            .setLastTime(repeat.getLastTime())
            .setRevision(repeat.getRevision())
            .putAllLabels(repeat.getLabelsMap())
            .build();
    Database.update(
        c,
        "UPDATE events SET seq = ?, event = ?, last_ms = ? WHERE fold_key = ?",
        s -> {
          s.setLong(1, seq);
          s.setBytes(2, stored.toByteArray());
          s.setLong(3, lastMillis(stored));
          s.setString(4, key);
        });
    return stored;
  }

  private static Event insert(Connection c, String key, Event stored) throws SQLException {
    Database.update(
        c,
        "INSERT INTO events (seq, id, fold_key, node, kind, namespace, name, last_ms, event)"
            + " VALUES (?,?,?,?,?,?,?,?,?)",
        s -> {
          s.setLong(1, stored.getSeq());
          s.setString(2, stored.getId());
          s.setString(3, key);
          s.setString(4, stored.getNode());
          s.setString(5, stored.getObject().getKind());
          s.setString(6, stored.getObject().getNamespace());
          s.setString(7, stored.getObject().getName());
          s.setLong(8, lastMillis(stored));
          s.setBytes(9, stored.toByteArray());
        });
    return stored;
  }

  private static long lastMillis(Event e) {
    return Math.max(1, ProtoTime.toMillis(e.getLastTime()));
  }

  /**
   * Deletes the events that last happened before {@code olderThan}, then all but the newest {@code
   * keep}: one indexed DELETE per rule.
   */
  static PrunedEvents prune(Connection c, Instant olderThan, int keep) throws SQLException {
    int byAge =
        Database.update(
            c, "DELETE FROM events WHERE last_ms < ?", s -> s.setLong(1, olderThan.toEpochMilli()));
    int byCount =
        Database.update(
            c,
            "DELETE FROM events WHERE seq <= "
                + "(SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?)",
            s -> s.setInt(1, keep));
    if (byAge + byCount > 0) {
      Database.update(
          c, "DELETE FROM event_ids WHERE fold_key NOT IN (SELECT fold_key FROM events)", s -> {});
    }
    return new PrunedEvents(byAge, byCount);
  }

  /** Fills the columns migration 2 added for rows stored before it (last_ms 0). */
  static int backfill(Connection c) throws SQLException {
    List<Event> old =
        Database.query(c, "SELECT event FROM events WHERE last_ms = 0", s -> {}, EventRows::parse);
    for (Event e : old) {
      Database.update(
          c,
          "UPDATE events SET namespace = ?, last_ms = ? WHERE seq = ?",
          s -> {
            s.setString(1, e.getObject().getNamespace());
            s.setLong(2, lastMillis(e));
            s.setLong(3, e.getSeq());
          });
    }
    return old.size();
  }

  static List<Event> list(Connection c, EventQuery q) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT event FROM events WHERE seq > ?");
    List<Object> args = new ArrayList<>(List.of(q.afterSeq()));
    filter(sql, args, "node", q.node());
    filter(sql, args, "kind", q.objectKind());
    filter(sql, args, "namespace", q.objectNamespace());
    filter(sql, args, "name", q.objectName());
    boolean newest = q.afterSeq() == 0;
    sql.append(newest ? " ORDER BY seq DESC" : " ORDER BY seq ASC").append(" LIMIT ?");
    args.add(q.effectiveLimit());
    List<Event> rows =
        Database.query(
            c,
            sql.toString(),
            s -> {
              for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
              }
            },
            EventRows::parse);
    if (newest) {
      rows = new ArrayList<>(rows);
      Collections.reverse(rows);
    }
    return rows;
  }

  private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
    if (!value.isEmpty()) {
      sql.append(" AND ").append(column).append(" = ?");
      if (column.equals("kind")) {
        sql.append(" COLLATE NOCASE");
      }
      args.add(value);
    }
  }

  private static long nextSeq(Connection c) throws SQLException {
    return Database.query(
            c, "SELECT COALESCE(MAX(seq), 0) + 1 FROM events", s -> {}, r -> r.getLong(1))
        .get(0);
  }

  private static Optional<Event> one(Connection c, String sql, String arg) throws SQLException {
    return Database.query(c, sql, s -> s.setString(1, arg), EventRows::parse).stream().findFirst();
  }

  private static Event parse(ResultSet row) throws SQLException {
    try {
      return Event.parseFrom(row.getBytes(1));
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("corrupt event row: " + e.getMessage(), e);
    }
  }

  /**
   * What makes two events the same: type, reason, object, node, message and labels, except the
   * labels in {@link #OCCURRENCE_LABELS} (they name one occurrence, such as the agent's run id, not
   * the event). Two alerts with one name but different labels stay two events; a step that fails in
   * every run folds into one.
   */
  private static String foldKey(Event e) {
    StringBuilder key =
        new StringBuilder(
            String.join(
                "\u0000",
                e.getType().name(),
                e.getReason(),
                e.getObject().getKind(),
                e.getObject().getNamespace(),
                e.getObject().getName(),
                e.getNode(),
                e.getMessage()));
    new TreeMap<>(e.getLabelsMap())
        .forEach(
            (k, v) -> {
              if (!OCCURRENCE_LABELS.contains(k)) {
                key.append('\u0000').append(k).append('=').append(v);
              }
            });
    return key.toString();
  }
}
