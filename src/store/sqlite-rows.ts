/**
 * Rows as SQLite returns them (snake_case, JSON as text, blobs as Buffer) and
 * their conversion to the store's records.
 */
import type { ModelRecord, MonitorRecord, ReferenceRecord, ReportRecord, WindowRecord, WindowSummary } from './store.js';

/** A row of `models`. */
export interface ModelRow {
  name: string;
  spec: string;
  created_at: string;
  updated_at: string;
}

/** A row of `reference_profiles`. */
export interface ReferenceRow {
  profile: Buffer;
  meta: string;
  updated_at: string;
}

/** A row of `monitors`. */
export interface MonitorRow {
  model: string;
  window_label: string;
  window_ms: number;
  schedule: string;
  drift: string | null;
  updated_at: string;
}

/** A row of `windows` without its sketch. */
export interface WindowHeadRow {
  model: string;
  start_ms: number;
  end_ms: number;
  /** Rows and batches in the compacted sketch (deltas not included). */
  row_count: number;
  batch_count: number;
  version: number;
  updated_at: string;
}

/** A row of `windows`. */
export interface WindowRow extends WindowHeadRow {
  /** A Buffer as read; whatever a merge returned as written. */
  sketch: Uint8Array;
}

/** A row of `window_deltas`. */
export interface DeltaRow {
  seq: number;
  row_count: number;
  batch_count: number;
  folded_at: string;
  sketch: Uint8Array;
}

/** Count and sums over some of a window's deltas. */
export interface DeltaTotalsRow {
  n: number;
  rows: number;
  batches: number;
  last: string | null;
}

/** A row of `reports`. */
export interface ReportRow {
  id: number;
  model: string;
  created_at: string;
  window_start: number | null;
  window_end: number | null;
  trigger_kind: ReportRecord['trigger'];
  report: string;
}

/** A models row as a record. */
export function toModel(row: ModelRow): ModelRecord {
  return { name: row.name, spec: JSON.parse(row.spec), createdAt: row.created_at, updatedAt: row.updated_at };
}

/** A reference_profiles row as a record. */
export function toReference(row: ReferenceRow): ReferenceRecord {
  return { profile: row.profile, meta: JSON.parse(row.meta), updatedAt: row.updated_at };
}

/** A monitors row as a record; `drift` only when stored. */
export function toMonitor(row: MonitorRow): MonitorRecord {
  const monitor: MonitorRecord = {
    model: row.model,
    window: row.window_label,
    windowMs: row.window_ms,
    schedule: row.schedule,
    updatedAt: row.updated_at,
  };
  if (row.drift !== null) monitor.drift = JSON.parse(row.drift);
  return monitor;
}

/** A windows row and its deltas (oldest first) as a record: counts are the sums of both. */
export function toWindow(row: WindowRow, deltas: DeltaRow[]): WindowRecord {
  let rows = row.row_count;
  let batches = row.batch_count;
  let updatedAt = row.updated_at;
  for (const d of deltas) {
    rows += d.row_count;
    batches += d.batch_count;
    if (d.folded_at > updatedAt) updatedAt = d.folded_at;
  }
  return {
    model: row.model,
    start: row.start_ms,
    end: row.end_ms,
    rows,
    batches,
    sketch: row.sketch,
    version: row.version,
    deltas: deltas.map((d) => ({ seq: d.seq, rows: d.row_count, batches: d.batch_count, sketch: d.sketch })),
    updatedAt,
  };
}

/** A windows head and the totals of its deltas as a summary. */
export function toSummary(row: WindowHeadRow, deltas: DeltaTotalsRow): WindowSummary {
  return {
    model: row.model,
    start: row.start_ms,
    end: row.end_ms,
    rows: row.row_count + deltas.rows,
    batches: row.batch_count + deltas.batches,
    deltaCount: deltas.n,
  };
}

/** A reports row as a record. */
export function toReport(row: ReportRow): ReportRecord {
  return {
    id: row.id,
    model: row.model,
    createdAt: row.created_at,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    trigger: row.trigger_kind,
    report: JSON.parse(row.report),
  };
}
