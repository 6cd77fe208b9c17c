package dev.eden.agent.state;

import java.util.List;

/** The schema, one list of statements per version ({@code PRAGMA user_version}). */
final class Migrations {
  static final List<List<String>> VERSIONS =
      List.of(
          List.of(
              "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
              "CREATE TABLE plan (id INTEGER PRIMARY KEY CHECK (id = 1), hash TEXT NOT NULL,"
                  + " revision TEXT NOT NULL, bytes BLOB NOT NULL)",
              "CREATE TABLE step_result (step_id TEXT PRIMARY KEY, run_number INTEGER NOT NULL,"
                  + " status TEXT NOT NULL, message TEXT NOT NULL, fingerprint TEXT NOT NULL,"
                  + " finished_ms INTEGER NOT NULL)",
              "CREATE TABLE run (run_number INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE,"
                  + " plan_hash TEXT NOT NULL, revision TEXT NOT NULL, started_ms INTEGER NOT NULL,"
                  + " finished_ms INTEGER NOT NULL, changed INTEGER NOT NULL,"
                  + " failed INTEGER NOT NULL, dry_run INTEGER NOT NULL, trigger TEXT NOT NULL)",
              "CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,"
                  + " bytes BLOB NOT NULL)"),
          // 2: dispatched runs this node finished (never run again, also across restarts)
          List.of(
              "CREATE TABLE dispatch_done (id TEXT PRIMARY KEY, run_number INTEGER NOT NULL,"
                  + " finished_ms INTEGER NOT NULL)"),
          // 3: each beacon's last result, so a restart neither invents a recovery nor forgets
          // a failure
          List.of(
              "CREATE TABLE beacon_result (name TEXT PRIMARY KEY, passed INTEGER NOT NULL,"
                  + " message TEXT NOT NULL, checked_ms INTEGER NOT NULL)"));

  private Migrations() {}
}
