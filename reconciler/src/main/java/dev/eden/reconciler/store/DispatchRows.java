package dev.eden.reconciler.store;

import com.google.protobuf.TextFormat;
import dev.eden.common.WireText;
import dev.eden.common.proto.ProtoTime;
import dev.eden.proto.DispatchNode;
import dev.eden.proto.DispatchState;
import dev.eden.proto.DispatchStatus;
import dev.eden.proto.DispatchedRun;
import dev.eden.proto.Origin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The dispatches and dispatch_nodes tables. A dispatch's header (id, TaskBook, origin, created) is
 * kept as a {@link DispatchStatus} without nodes, its origin also as a key to look dispatches up
 * by; each node's state lives in its own row, with the {@link DispatchedRun} compiled for it.
 * Called inside a transaction.
 */
final class DispatchRows {

  /** As the state column holds it: the state's text. */
  static final String PENDING = WireText.of(DispatchState.DISPATCH_STATE_PENDING);

  private DispatchRows() {}

  static void insert(Connection c, DispatchStatus status, Map<String, DispatchedRun> runs)
      throws SQLException {
    DispatchStatus header = status.toBuilder().clearNodes().build();
    Database.update(
        c,
        "INSERT INTO dispatches (id, ord, taskbook, origin, created_ms, status) "
            + "VALUES (?, (SELECT COALESCE(MAX(ord), 0) + 1 FROM dispatches), ?, ?, ?, ?)",
        s -> {
          s.setString(1, status.getId());
          s.setString(2, status.getTaskbook());
          s.setString(3, key(status.getOrigin()));
          s.setLong(4, ProtoTime.toMillis(status.getCreated()));
          s.setBytes(5, header.toByteArray());
        });
    for (DispatchNode node : status.getNodesList()) {
      DispatchedRun run = runs.get(node.getNode());
      if (run == null) {
        throw new SQLException("dispatch " + status.getId() + " has no run for " + node.getNode());
      }
      Database.update(
          c,
          "INSERT INTO dispatch_nodes (dispatch_id, node, state, run) VALUES (?, ?, ?, ?)",
          s -> {
            s.setString(1, status.getId());
            s.setString(2, node.getNode());
            s.setString(3, WireText.of(node.getState()));
            s.setBytes(4, run.toByteArray());
          });
    }
  }

  static Optional<DispatchStatus> one(Connection c, String id) throws SQLException {
    List<DispatchStatus> headers =
        Database.query(
            c,
            "SELECT status FROM dispatches WHERE id = ?",
            s -> s.setString(1, id),
            r -> SqliteStore.parse(r, DispatchStatus.parser()));
    if (headers.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(withNodes(c, headers.get(0)));
  }

  static List<DispatchStatus> list(Connection c, Origin origin, boolean pendingOnly)
      throws SQLException {
    boolean any = origin.getKindCase() == Origin.KindCase.KIND_NOT_SET;
    StringBuilder sql = new StringBuilder("SELECT d.status FROM dispatches d WHERE 1 = 1");
    if (!any) {
      sql.append(" AND d.origin = ?");
    }
    if (pendingOnly) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM dispatch_nodes n WHERE n.dispatch_id = d.id"
              + " AND n.state = '"
              + PENDING
              + "')");
    }
    sql.append(" ORDER BY d.ord");
    List<DispatchStatus> headers =
        Database.query(
            c,
            sql.toString(),
            s -> {
              if (!any) {
                s.setString(1, key(origin));
              }
            },
            r -> SqliteStore.parse(r, DispatchStatus.parser()));
    List<DispatchStatus> out = new ArrayList<>();
    for (DispatchStatus h : headers) {
      out.add(withNodes(c, h));
    }
    return out;
  }

  static Map<String, List<DispatchedRun>> pendingRuns(Connection c) throws SQLException {
    Map<String, List<DispatchedRun>> byNode = new TreeMap<>();
    Database.query(
        c,
        "SELECT n.node, n.run FROM dispatch_nodes n JOIN dispatches d ON d.id = n.dispatch_id "
            + "WHERE n.state = ? ORDER BY d.ord",
        s -> s.setString(1, PENDING),
        r ->
            byNode
                .computeIfAbsent(r.getString(1), k -> new ArrayList<>())
                .add(SqliteStore.parse(r, 2, DispatchedRun.parser())));
    return byNode;
  }

  static boolean finish(Connection c, String id, DispatchNode outcome) throws SQLException {
    return Database.update(
            c,
            "UPDATE dispatch_nodes SET state = ?, run_id = ?, message = ?, finished_ms = ? "
                + "WHERE dispatch_id = ? AND node = ? AND state = ?",
            s -> {
              s.setString(1, WireText.of(outcome.getState()));
              s.setString(2, outcome.getRunId());
              s.setString(3, outcome.getMessage());
              s.setLong(4, ProtoTime.toMillis(outcome.getFinished()));
              s.setString(5, id);
              s.setString(6, outcome.getNode());
              s.setString(7, PENDING);
            })
        == 1;
  }

  private static DispatchStatus withNodes(Connection c, DispatchStatus header) throws SQLException {
    Map<String, DispatchNode> nodes = new LinkedHashMap<>();
    Database.query(
        c,
        "SELECT node, state, run_id, message, finished_ms FROM dispatch_nodes "
            + "WHERE dispatch_id = ? ORDER BY node",
        s -> s.setString(1, header.getId()),
        r -> nodes.put(r.getString(1), node(r)));
    return header.toBuilder().addAllNodes(nodes.values()).build();
  }

  private static DispatchNode node(ResultSet r) throws SQLException {
    DispatchNode.Builder b =
        DispatchNode.newBuilder()
            .setNode(r.getString(1))
            .setState(state(r.getString(2)))
            .setRunId(r.getString(3))
            .setMessage(r.getString(4));
    long finished = r.getLong(5);
    if (finished > 0) {
      b.setFinished(ProtoTime.ofMillis(finished));
    }
    return b.build();
  }

  /** The origins column: the origin on one line of protobuf text ({@code user: "ana"}). */
  private static String key(Origin origin) {
    return TextFormat.printer().emittingSingleLine(true).printToString(origin).strip();
  }

  private static DispatchState state(String text) throws SQLException {
    return WireText.parse(DispatchState.class, text)
        .orElseThrow(() -> new SQLException("dispatch_nodes.state '" + text + "' is not a state"));
  }
}
