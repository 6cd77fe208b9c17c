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
          // dispatches (eden run, Triggers, CronJobs): one row per dispatch, one per node it went
          // to
          """
          CREATE TABLE dispatches (
            id TEXT PRIMARY KEY,
            ord INTEGER NOT NULL,
            taskbook TEXT NOT NULL,
            origin TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            status BLOB NOT NULL);
          CREATE INDEX dispatches_origin ON dispatches(origin, ord);
          CREATE TABLE dispatch_nodes (
            dispatch_id TEXT NOT NULL REFERENCES dispatches(id),
            node TEXT NOT NULL,
            state TEXT NOT NULL,
            run_id TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT '',
            finished_ms INTEGER NOT NULL DEFAULT 0,
            run BLOB NOT NULL,
            PRIMARY KEY (dispatch_id, node));
          CREATE INDEX dispatch_nodes_state ON dispatch_nodes(state, node)
          """,
          """
          CREATE TABLE taskbook_approvals (
            taskbook TEXT PRIMARY KEY,
            revision TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            digest TEXT NOT NULL,
            approved_by TEXT NOT NULL,
            approved_ms INTEGER NOT NULL);
          CREATE TABLE taskbook_pending (
            taskbook TEXT NOT NULL,
            revision TEXT NOT NULL,
            commit_sha TEXT NOT NULL,
            digest TEXT NOT NULL,
            seen_ms INTEGER NOT NULL,
            PRIMARY KEY (taskbook, revision));
          CREATE INDEX taskbook_pending_digest ON taskbook_pending(taskbook, digest)
          """,
          // when each Trigger last reacted, so a restart does not react again within reReactDelay
          """
          CREATE TABLE trigger_reactions (
            trigger TEXT PRIMARY KEY,
            spec TEXT NOT NULL,
            at_ms INTEGER NOT NULL)
          """,
          // events: retention by age (last_ms), --for with a namespace, indexed filters;
          // nodes: NodeLost once per loss. EventRows.backfill fills the new columns of old rows.
          """
          ALTER TABLE events ADD COLUMN namespace TEXT NOT NULL DEFAULT '';
          ALTER TABLE events ADD COLUMN last_ms INTEGER NOT NULL DEFAULT 0;
          CREATE INDEX events_last_ms ON events(last_ms);
          CREATE INDEX events_node ON events(node, seq);
          CREATE INDEX events_object ON events(name, seq);
          ALTER TABLE nodes ADD COLUMN lost_since_ms INTEGER NOT NULL DEFAULT 0
          """,
          // every event id stored, also those folded into an earlier event: a resent occurrence
          // (its acknowledgement lost) is recognised and not counted twice
          """
          CREATE TABLE event_ids (id TEXT PRIMARY KEY, fold_key TEXT NOT NULL);
          CREATE INDEX event_ids_fold_key ON event_ids(fold_key);
          INSERT INTO event_ids (id, fold_key) SELECT id, fold_key FROM events
          """);
}
