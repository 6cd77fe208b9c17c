package dev.eden.reconciler.store;

import java.util.List;

/** The SQLite schema, one entry per version; never edit a released entry, append a new one. */
final class Migrations {

  private Migrations() {}

  static final List<String> ALL =
      List.of(
          """
          CREATE TABLE revisions (
            id TEXT PRIMARY KEY,
            ord INTEGER NOT NULL,
            accepted INTEGER NOT NULL,
            info BLOB NOT NULL);
          CREATE INDEX revisions_ord ON revisions(ord);
          CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          CREATE TABLE nodes (
            name TEXT PRIMARY KEY,
            info BLOB NOT NULL,
            last_seen_ms INTEGER NOT NULL,
            last_applied TEXT NOT NULL DEFAULT '',
            last_attempted TEXT NOT NULL DEFAULT '');
          CREATE TABLE plans (hash TEXT PRIMARY KEY, plan BLOB NOT NULL);
          CREATE TABLE node_plans (
            node TEXT PRIMARY KEY,
            hash TEXT NOT NULL REFERENCES plans(hash),
            revision TEXT NOT NULL);
          CREATE TABLE runs (
            run_id TEXT PRIMARY KEY,
            ord INTEGER NOT NULL,
            node TEXT NOT NULL,
            run_number INTEGER NOT NULL,
            report BLOB NOT NULL);
          CREATE INDEX runs_node ON runs(node, ord);
          CREATE TABLE step_results (
            run_id TEXT NOT NULL REFERENCES runs(run_id),
            idx INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            status TEXT NOT NULL,
            message TEXT NOT NULL,
            PRIMARY KEY (run_id, idx));
          CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            fold_key TEXT NOT NULL UNIQUE,
            node TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            event BLOB NOT NULL)
          """,
          // when each Trigger last reacted, so a restart does not react again within reReactDelay
          """
          CREATE TABLE trigger_reactions (
            trigger TEXT PRIMARY KEY,
            spec TEXT NOT NULL,
            at_ms INTEGER NOT NULL)
          """);
}
