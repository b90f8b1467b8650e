/**
 * Rows as SQLite returns them (snake_case, JSON as text, blobs as Buffer) and
 * their conversion to the store's records.
 */
import type { ModelRecord, MonitorRecord, ReferenceRecord, ReportRecord, WindowRecord } from './store.js';

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

/** A row of `windows`. */
export interface WindowRow {
  model: string;
  start_ms: number;
  end_ms: number;
  row_count: number;
  batch_count: number;
  sketch: Buffer;
  updated_at: string;
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

/** A windows row as a record. */
export function toWindow(row: WindowRow): WindowRecord {
  return {
    model: row.model,
    start: row.start_ms,
    end: row.end_ms,
    rows: row.row_count,
    batches: row.batch_count,
    sketch: row.sketch,
    updatedAt: row.updated_at,
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
