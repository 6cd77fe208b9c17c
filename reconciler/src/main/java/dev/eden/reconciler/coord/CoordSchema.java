package dev.eden.reconciler.coord;

import dev.eden.common.sqlite.Migrations;
import java.util.List;

/** The coordination tables, one list of statements per schema version. */
final class CoordSchema {

  /** Statements that bring version {@code index} to {@code index + 1}. */
  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE coord_leases(
                id TEXT PRIMARY KEY, holder TEXT NOT NULL,
                ttl_ms INTEGER NOT NULL, expires_at INTEGER NOT NULL)""",
              "CREATE INDEX coord_leases_expiry ON coord_leases(expires_at)",
              """
              CREATE TABLE coord_holdings(
                kind TEXT NOT NULL, taskbook TEXT NOT NULL, step_id TEXT NOT NULL,
                run TEXT NOT NULL, holder TEXT NOT NULL, lease_id TEXT NOT NULL,
                since INTEGER NOT NULL,
                PRIMARY KEY(kind, taskbook, step_id, run, holder))""",
              "CREATE INDEX coord_holdings_lease ON coord_holdings(lease_id)",
              """
              CREATE TABLE coord_results(
                taskbook TEXT NOT NULL, step_id TEXT NOT NULL, run TEXT NOT NULL,
                holder TEXT NOT NULL, value BLOB NOT NULL, recorded_at INTEGER NOT NULL,
                PRIMARY KEY(taskbook, step_id, run, holder))""",
              """
              CREATE TABLE coord_exports(
                namespace TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL,
                visible_to TEXT NOT NULL, publisher TEXT NOT NULL,
                published_at INTEGER NOT NULL,
                PRIMARY KEY(namespace, name))"""),
          List.of(
              """
              CREATE TABLE coord_members(
                revision TEXT NOT NULL, dispatch TEXT NOT NULL, taskbook TEXT NOT NULL,
                step_id TEXT NOT NULL, node TEXT NOT NULL, candidate INTEGER NOT NULL,
                sync INTEGER NOT NULL, serialize_count INTEGER NOT NULL,
                target_limit INTEGER NOT NULL,
                PRIMARY KEY(revision, dispatch, taskbook, step_id, node))""",
              "CREATE INDEX coord_members_node ON coord_members(revision, dispatch, node)",
              "CREATE INDEX coord_members_dispatch ON coord_members(dispatch)"));

  private CoordSchema() {}

  /** The steps up to version {@code target}. */
  static Migrations migrations(int target) {
    if (target > MIGRATIONS.size()) {
      throw new IllegalArgumentException("no migration to version " + target);
    }
    return Migrations.of(MIGRATIONS.subList(0, target));
  }
}
