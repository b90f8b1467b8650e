/**
 * The bodies of the store's write transactions on windows, shared by the
 * main connection (`foldBatch`, read-merge-write with a callback) and the
 * writer thread (`appendBatch` and `compactWindow`, which carry only bytes).
 * Each runs inside a savepoint of a group commit (group-commit.ts).
 *
 *   fold    (main thread):   read sketch ─▶ merge(sketch) ─▶ rewrite sketch, version + 1
 *   append  (writer thread): insert the part's bytes as a delta row; the window row is not read or written
 *                            (only inserted, empty, when the window is new)
 *   compact (writer thread): version still the one merged and every delta still there?
 *                            ─▶ rewrite sketch, version + 1, add the deltas' counts, delete the deltas
 */
import { createError } from '../errors.js';
import { toSummary, toWindow, type WindowRow } from './sqlite-rows.js';
import type { Statements } from './sqlite-statements.js';
import type { AppendPart, CompactArgs, FoldPart, WindowRecord, WindowSummary } from './store.js';
import { checkSketch } from './store-args.js';

/** What a fold returns. */
export interface FoldResult {
  duplicate: boolean;
  windows: WindowRecord[];
}

/** What an append returns. */
export interface AppendResult {
  duplicate: boolean;
  windows: WindowSummary[];
}

/** The window with its deltas, or null. */
export function readWindow(sql: Statements, model: string, start: number): WindowRecord | null {
  const row = sql.getWindow.get(model, start);
  return row ? toWindow(row, sql.listDeltas.all(model, start)) : null;
}

/**
 * The window with its deltas' counts but not their sketches (zero bytes
 * each), or null: the first step of a read spread over several turns.
 */
export function readWindowHead(sql: Statements, model: string, start: number): WindowRecord | null {
  const row = sql.getWindow.get(model, start);
  if (!row) return null;
  const none = new Uint8Array(0);
  return toWindow(row, sql.listDeltaHeads.all(model, start).map((d) => ({ ...d, sketch: none })));
}

/** One delta's sketch, or null when it is gone (compacted meanwhile). */
export function readDeltaSketch(sql: Statements, model: string, start: number, seq: number): Uint8Array | null {
  return sql.getDeltaSketch.get(seq, model, start)?.sketch ?? null;
}

function summary(sql: Statements, model: string, start: number): WindowSummary {
  return toSummary(expectRow(sql.getWindowHead.get(model, start)), expectRow(sql.deltaTotals.get(model, start)));
}

/** The fold transaction (sqlite-store.ts draws it): merge callbacks see the compacted sketch. */
export function foldParts(sql: Statements, model: string, batchId: string, parts: readonly FoldPart[], traceparent: string | null = null): FoldResult {
  const seen = sql.batchWindows.all(model, batchId);
  if (seen.length > 0) {
    return { duplicate: true, windows: seen.map((s) => expectRow(readWindow(sql, model, s.window_start) ?? undefined)) };
  }
  if (!sql.hasModel.get(model)) throw createError('DRIFTGAUGE_ERR_MODEL_NOT_FOUND', model);
  const now = nowIso();
  const windows = parts.map((part): WindowRecord => {
    const row = sql.getWindow.get(model, part.windowStart);
    if (row && row.end_ms !== part.windowEnd) {
      throw createError('DRIFTGAUGE_ERR_WINDOW_CONFLICT', model, row.start_ms, row.end_ms, part.windowEnd);
    }
    // A window that so far only has deltas holds no compacted sketch: for merge, it is new.
    const sketch = checkSketch(part.merge(row && row.sketch.length > 0 ? row.sketch : null));
    const params = { model, start: part.windowStart, end: part.windowEnd, rows: part.rows, sketch, now };
    if (row) sql.updateWindow.run(params);
    else sql.insertWindow.run(params);
    sql.insertBatch.run({ model, batchId, start: part.windowStart, rows: part.rows, now, traceparent });
    const written: WindowRow = row
      ? { ...row, row_count: row.row_count + part.rows, batch_count: row.batch_count + 1, version: row.version + 1, sketch, updated_at: now }
      : { model, start_ms: part.windowStart, end_ms: part.windowEnd, row_count: part.rows, batch_count: 1, version: 0, sketch, updated_at: now };
    return toWindow(written, sql.listDeltas.all(model, part.windowStart));
  });
  return { duplicate: false, windows };
}

/** The append transaction: one delta row per part, the batch id recorded per part. */
export function appendParts(
  sql: Statements,
  model: string,
  batchId: string,
  parts: readonly AppendPart[],
  traceparent: string | null = null,
): AppendResult {
  const seen = sql.batchWindows.all(model, batchId);
  if (seen.length > 0) return { duplicate: true, windows: seen.map((s) => summary(sql, model, s.window_start)) };
  if (!sql.hasModel.get(model)) throw createError('DRIFTGAUGE_ERR_MODEL_NOT_FOUND', model);
  const now = nowIso();
  const windows = parts.map((part): WindowSummary => {
    const head = sql.getWindowHead.get(model, part.windowStart);
    if (head && head.end_ms !== part.windowEnd) {
      throw createError('DRIFTGAUGE_ERR_WINDOW_CONFLICT', model, head.start_ms, head.end_ms, part.windowEnd);
    }
    if (!head) sql.insertEmptyWindow.run({ model, start: part.windowStart, end: part.windowEnd, now });
    sql.insertDelta.run({ model, start: part.windowStart, rows: part.rows, sketch: checkSketch(part.delta), now });
    sql.insertBatch.run({ model, batchId, start: part.windowStart, rows: part.rows, now, traceparent });
    return summary(sql, model, part.windowStart);
  });
  return { duplicate: false, windows };
}

/** The compaction transaction: false, writing nothing, when the window moved on. */
export function compactParts(sql: Statements, args: CompactArgs): boolean {
  const { model, windowStart: start, version } = args;
  const head = sql.getWindowHead.get(model, start);
  if (!head || head.version !== version) return false;
  const seqs = JSON.stringify(args.seqs);
  const merged = expectRow(sql.compactTotals.get({ model, start, seqs }));
  if (merged.n !== new Set(args.seqs).size) return false;
  const now = nowIso();
  const sketch = checkSketch(args.sketch);
  sql.compactWindow.run({ model, start, version, rows: merged.rows, batches: merged.batches, sketch, now });
  sql.deleteDeltas.run({ model, start, seqs });
  return true;
}

/** The row a RETURNING clause or a foreign key guarantees. */
export function expectRow<T>(value: T | undefined): T {
  if (value === undefined) throw createError('DRIFTGAUGE_ERR_INTERNAL', 'the store expected a row and found none');
  return value;
}

export function nowIso(): string {
  return new Date().toISOString();
}
