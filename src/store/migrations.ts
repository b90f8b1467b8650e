/**
 * The SQLite schema as an ordered list of migrations. `PRAGMA user_version`
 * records how many have run; each runs in its own transaction with the
 * version bump, so a crash leaves the file at a whole version. Append new
 * migrations; never edit one that has shipped.
 *
 * Every table hangs off `models` with `ON DELETE CASCADE` (foreign keys are
 * switched on per connection), so deleting a model deletes its reference,
 * monitor, windows, batch ids and reports. A batch id hangs off the window it
 * went to, so pruning a window forgets its batch ids as well.
 *
 * Version 2 splits a window in two (the ingest path appends, it no longer
 * rewrites): `windows.sketch` is the compacted sketch with `row_count` and
 * `batch_count` counting what it holds, and `window_deltas` holds the batch
 * sketches appended since, each with its own counts, until a compaction folds
 * them into `windows.sketch` (one transaction: sketch written, deltas
 * deleted). `windows.version` changes with every write of `windows.sketch`,
 * so a compaction computed from an older sketch is refused. `seq` is
 * AUTOINCREMENT: never reused, so a compaction deletes exactly the deltas it
 * merged, even when later ones arrived meanwhile.
 *
 * Version 3 keeps each batch's trace context: `batches.traceparent` is the
 * W3C `traceparent` of the span that ingested the batch (NULL when it was
 * untraced, and for every batch of an older file), so an evaluation can link
 * its span to the batches of its window. The index by window gains
 * `folded_at`, so "the newest N batches of these windows" is an index walk
 * that stops after N rows, whatever the window holds; it replaces the v1
 * index, of which it is an extension (foreign-key cascades use its prefix).
 */
import type Database from 'better-sqlite3';

/** One schema step: `version` is the `user_version` after it runs. */
export interface Migration {
  version: number;
  sql: string;
}

/** The schema, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE models (
        name       TEXT PRIMARY KEY,
        spec       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE reference_profiles (
        model      TEXT PRIMARY KEY REFERENCES models(name) ON DELETE CASCADE,
        profile    BLOB NOT NULL,
        meta       TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE monitors (
        model      TEXT PRIMARY KEY REFERENCES models(name) ON DELETE CASCADE,
        window_label TEXT NOT NULL,
        window_ms  INTEGER NOT NULL,
        schedule   TEXT NOT NULL,
        drift      TEXT,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE windows (
        model      TEXT NOT NULL REFERENCES models(name) ON DELETE CASCADE,
        start_ms    INTEGER NOT NULL,
        end_ms      INTEGER NOT NULL,
        row_count   INTEGER NOT NULL,
        batch_count INTEGER NOT NULL,
        sketch     BLOB NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (model, start_ms)
      );
      CREATE TABLE batches (
        model        TEXT NOT NULL,
        batch_id     TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        row_count    INTEGER NOT NULL,
        folded_at    TEXT NOT NULL,
        PRIMARY KEY (model, batch_id, window_start),
        FOREIGN KEY (model, window_start) REFERENCES windows(model, start_ms) ON DELETE CASCADE
      );
      CREATE INDEX batches_by_window ON batches (model, window_start);
      CREATE TABLE reports (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        model        TEXT NOT NULL REFERENCES models(name) ON DELETE CASCADE,
        created_at   TEXT NOT NULL,
        window_start INTEGER,
        window_end   INTEGER,
        trigger_kind TEXT NOT NULL CHECK (trigger_kind IN ('schedule', 'manual')),
        report       TEXT NOT NULL
      );
      CREATE INDEX reports_by_model_time ON reports (model, created_at, id);
      CREATE TABLE job_leases (
        key        TEXT PRIMARY KEY,
        owner      TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE windows ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE window_deltas (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        model        TEXT NOT NULL,
        window_start INTEGER NOT NULL,
        row_count    INTEGER NOT NULL,
        batch_count  INTEGER NOT NULL,
        folded_at    TEXT NOT NULL,
        sketch       BLOB NOT NULL,
        FOREIGN KEY (model, window_start) REFERENCES windows(model, start_ms) ON DELETE CASCADE
      );
      CREATE INDEX window_deltas_by_window ON window_deltas (model, window_start, seq);
    `,
  },
  {
    version: 3,
    sql: `
      ALTER TABLE batches ADD COLUMN traceparent TEXT;
      CREATE INDEX batches_by_window_time ON batches (model, window_start, folded_at);
      DROP INDEX batches_by_window;
    `,
  },
  {
    // Every append sums its window's deltas (count, rows, batches, latest fold): with the old
    // index each delta cost a lookup in the table, whose pages sit between megabytes of sketch
    // overflow pages and were read from disk again and again (half the writer thread's page
    // copying under load). This index answers the sum, and the delta list, on its own.
    version: 4,
    sql: `
      CREATE INDEX window_deltas_totals ON window_deltas (model, window_start, seq, row_count, batch_count, folded_at);
      DROP INDEX window_deltas_by_window;
    `,
  },
];

/** The `user_version` this code writes. */
export const schemaVersion: number = migrations[migrations.length - 1].version;

/**
 * Brings the file up to `schemaVersion`. Throws (a plain Error; the caller
 * catalogues it) when the file was written by a newer driftgauge.
 */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > schemaVersion) {
    throw new Error(`schema version ${current} is newer than this driftgauge understands (${schemaVersion})`);
  }
  for (const step of migrations) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
}
