/**
 * Every statement the SQLite store runs, prepared once per connection.
 */
import type Database from 'better-sqlite3';
import type {
  DeltaRow,
  DeltaTotalsRow,
  ModelRow,
  MonitorRow,
  ReferenceRow,
  ReportRow,
  WindowHeadRow,
  WindowRow,
} from './sqlite-rows.js';

const WINDOW_HEAD = 'model, start_ms, end_ms, row_count, batch_count, version, updated_at';
const WINDOW_COLUMNS = `${WINDOW_HEAD}, sketch`;
/** The deltas named by a JSON array of seqs (`@seqs`). */
const SEQS = 'seq IN (SELECT value FROM json_each(@seqs))';
const REPORT_COLUMNS = 'id, model, created_at, window_start, window_end, trigger_kind, report';

/** The prepared statements of one connection. */
export type Statements = ReturnType<typeof prepareStatements>;

/** Prepares the store's statements on `db` (after migration). */
export function prepareStatements(db: Database.Database) {
  return {
    ping: db.prepare<[], { ok: number }>('SELECT 1 AS ok'),

    putModel: db.prepare<{ name: string; spec: string; now: string }, ModelRow>(
      `INSERT INTO models (name, spec, created_at, updated_at) VALUES (@name, @spec, @now, @now)
       ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at
       RETURNING name, spec, created_at, updated_at`,
    ),
    getModel: db.prepare<[string], ModelRow>('SELECT name, spec, created_at, updated_at FROM models WHERE name = ?'),
    hasModel: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM models WHERE name = ?'),
    listModels: db.prepare<[], ModelRow>('SELECT name, spec, created_at, updated_at FROM models ORDER BY name'),
    deleteModel: db.prepare<[string]>('DELETE FROM models WHERE name = ?'),

    putReference: db.prepare<{ model: string; profile: Uint8Array; meta: string; now: string }>(
      `INSERT INTO reference_profiles (model, profile, meta, updated_at) VALUES (@model, @profile, @meta, @now)
       ON CONFLICT (model) DO UPDATE SET profile = excluded.profile, meta = excluded.meta,
         updated_at = excluded.updated_at`,
    ),
    getReference: db.prepare<[string], ReferenceRow>(
      'SELECT profile, meta, updated_at FROM reference_profiles WHERE model = ?',
    ),

    putMonitor: db.prepare<
      { model: string; window: string; windowMs: number; schedule: string; drift: string | null; now: string },
      MonitorRow
    >(
      `INSERT INTO monitors (model, window_label, window_ms, schedule, drift, updated_at)
       VALUES (@model, @window, @windowMs, @schedule, @drift, @now)
       ON CONFLICT (model) DO UPDATE SET window_label = excluded.window_label, window_ms = excluded.window_ms,
         schedule = excluded.schedule, drift = excluded.drift, updated_at = excluded.updated_at
       RETURNING model, window_label, window_ms, schedule, drift, updated_at`,
    ),
    getMonitor: db.prepare<[string], MonitorRow>(
      'SELECT model, window_label, window_ms, schedule, drift, updated_at FROM monitors WHERE model = ?',
    ),
    listMonitors: db.prepare<[], MonitorRow>(
      'SELECT model, window_label, window_ms, schedule, drift, updated_at FROM monitors ORDER BY model',
    ),

    getWindow: db.prepare<[string, number], WindowRow>(
      `SELECT ${WINDOW_COLUMNS} FROM windows WHERE model = ? AND start_ms = ?`,
    ),
    insertWindow: db.prepare<{
      model: string;
      start: number;
      end: number;
      rows: number;
      sketch: Uint8Array;
      now: string;
    }>(
      `INSERT INTO windows (model, start_ms, end_ms, row_count, batch_count, sketch, updated_at)
       VALUES (@model, @start, @end, @rows, 1, @sketch, @now)`,
    ),
    updateWindow: db.prepare<{ model: string; start: number; rows: number; sketch: Uint8Array; now: string }>(
      `UPDATE windows SET row_count = row_count + @rows, batch_count = batch_count + 1, sketch = @sketch,
         version = version + 1, updated_at = @now
       WHERE model = @model AND start_ms = @start`,
    ),
    // The head never reads the sketch: an append must not touch the compacted blob's pages.
    getWindowHead: db.prepare<[string, number], WindowHeadRow>(
      `SELECT ${WINDOW_HEAD} FROM windows WHERE model = ? AND start_ms = ?`,
    ),
    insertEmptyWindow: db.prepare<{ model: string; start: number; end: number; now: string }>(
      `INSERT INTO windows (model, start_ms, end_ms, row_count, batch_count, sketch, updated_at)
       VALUES (@model, @start, @end, 0, 0, x'', @now)`,
    ),
    insertDelta: db.prepare<{ model: string; start: number; rows: number; sketch: Uint8Array; now: string }>(
      `INSERT INTO window_deltas (model, window_start, row_count, batch_count, folded_at, sketch)
       VALUES (@model, @start, @rows, 1, @now, @sketch)`,
    ),
    deltaTotals: db.prepare<[string, number], DeltaTotalsRow>(
      `SELECT count(*) AS n, coalesce(sum(row_count), 0) AS rows, coalesce(sum(batch_count), 0) AS batches,
         max(folded_at) AS last
       FROM window_deltas WHERE model = ? AND window_start = ?`,
    ),
    listDeltaHeads: db.prepare<[string, number], Omit<DeltaRow, 'sketch'>>(
      `SELECT seq, row_count, batch_count, folded_at FROM window_deltas
       WHERE model = ? AND window_start = ? ORDER BY seq`,
    ),
    getDeltaSketch: db.prepare<[number, string, number], { sketch: Buffer }>(
      'SELECT sketch FROM window_deltas WHERE seq = ? AND model = ? AND window_start = ?',
    ),
    listDeltas: db.prepare<[string, number], DeltaRow>(
      `SELECT seq, row_count, batch_count, folded_at, sketch FROM window_deltas
       WHERE model = ? AND window_start = ? ORDER BY seq`,
    ),
    compactTotals: db.prepare<{ model: string; start: number; seqs: string }, DeltaTotalsRow>(
      `SELECT count(*) AS n, coalesce(sum(row_count), 0) AS rows, coalesce(sum(batch_count), 0) AS batches,
         max(folded_at) AS last
       FROM window_deltas WHERE model = @model AND window_start = @start AND ${SEQS}`,
    ),
    compactWindow: db.prepare<{
      model: string;
      start: number;
      version: number;
      rows: number;
      batches: number;
      sketch: Uint8Array;
      now: string;
    }>(
      `UPDATE windows SET sketch = @sketch, row_count = row_count + @rows, batch_count = batch_count + @batches,
         version = version + 1, updated_at = @now
       WHERE model = @model AND start_ms = @start AND version = @version`,
    ),
    deleteDeltas: db.prepare<{ model: string; start: number; seqs: string }>(
      `DELETE FROM window_deltas WHERE model = @model AND window_start = @start AND ${SEQS}`,
    ),
    listWindowHeads: db.prepare<{ model: string; from: number; to: number }, WindowHeadRow>(
      `SELECT ${WINDOW_HEAD} FROM windows
       WHERE model = @model AND start_ms < @to AND end_ms > @from ORDER BY start_ms`,
    ),
    listWindows: db.prepare<{ model: string; from: number; to: number }, WindowRow>(
      `SELECT ${WINDOW_COLUMNS} FROM windows
       WHERE model = @model AND start_ms < @to AND end_ms > @from ORDER BY start_ms`,
    ),
    latestWindow: db.prepare<[string], WindowRow>(
      `SELECT ${WINDOW_COLUMNS} FROM windows WHERE model = ? ORDER BY start_ms DESC LIMIT 1`,
    ),
    pruneWindows: db.prepare<[string, number]>('DELETE FROM windows WHERE model = ? AND end_ms <= ?'),

    batchWindows: db.prepare<[string, string], { window_start: number }>(
      'SELECT window_start FROM batches WHERE model = ? AND batch_id = ? ORDER BY window_start',
    ),
    insertBatch: db.prepare<{ model: string; batchId: string; start: number; rows: number; now: string; traceparent: string | null }>(
      `INSERT INTO batches (model, batch_id, window_start, row_count, folded_at, traceparent)
       VALUES (@model, @batchId, @start, @rows, @now, @traceparent)`,
    ),
    // A walk of batches_by_window_time backwards from the newest window in range, stopping at
    // @limit rows (no sort, no temp table): bounded however many batches the windows hold.
    listBatchTraceparents: db.prepare<{ model: string; from: number; to: number; limit: number }, { traceparent: string }>(
      `SELECT b.traceparent FROM batches b
       WHERE b.model = @model AND b.window_start >= @from AND b.window_start < @to AND b.traceparent IS NOT NULL
         AND EXISTS (SELECT 1 FROM windows w WHERE w.model = b.model AND w.start_ms = b.window_start AND w.end_ms <= @to)
       ORDER BY b.window_start DESC, b.folded_at DESC, b.rowid DESC LIMIT @limit`,
    ),

    addReport: db.prepare<
      {
        model: string;
        createdAt: string;
        windowStart: number | null;
        windowEnd: number | null;
        trigger: string;
        report: string;
      },
      ReportRow
    >(
      `INSERT INTO reports (model, created_at, window_start, window_end, trigger_kind, report)
       VALUES (@model, @createdAt, @windowStart, @windowEnd, @trigger, @report)
       RETURNING ${REPORT_COLUMNS}`,
    ),
    listReports: db.prepare<{ model: string; since: string; limit: number }, ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM reports WHERE model = @model AND created_at >= @since
       ORDER BY created_at DESC, id DESC LIMIT @limit`,
    ),

    // The upsert's WHERE makes the claim atomic: it changes the row only for the
    // holder (a renewal) or once the lease has expired.
    claimJob: db.prepare<{ key: string; owner: string; now: number; expires: number }>(
      `INSERT INTO job_leases (key, owner, expires_at) VALUES (@key, @owner, @expires)
       ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE job_leases.owner = excluded.owner OR job_leases.expires_at <= @now`,
    ),
  };
}
