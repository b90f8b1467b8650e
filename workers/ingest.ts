/**
 * Piscina entry point of the service: decodes Arrow bodies (moved here, not
 * copied), builds reference profiles, sketches batches per window, and runs
 * sketch comparisons — all off the event loop.
 *
 *   main thread                                 this worker
 *   ───────────                                 ───────────
 *   body bytes ──────── move ──────────────▶   readTable (views on the bytes)
 *   profile (SharedArrayBuffer) ── share ──▶   deserialized once per profile id, cached
 *   ◀── {ok: sketches moved back} | {error: {code, message}}
 */
import { readTable } from '../src/arrow/read-table.js';
import type { ColumnarTable } from '../src/arrow/columns.js';
import { compareSketch, referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import type { ModelSpec } from '../src/engine/spec.js';
import { toWire } from '../src/errors.js';
import type {
  BatchPart,
  BatchResult,
  CompareResult,
  IngestTask,
  ReferenceResult,
  SharedProfile,
} from '../src/pool/ingest-task.js';
import { deserializeProfile, serializeProfile } from '../src/sketches/profile-codec.js';
import type { ReferenceProfile } from '../src/sketches/reference-profile.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { deserializeWindow, serializeWindow } from '../src/sketches/window-codec.js';
import { createWindowSketch, mergeWindowInto } from '../src/sketches/window-sketch.js';
import { checkBatchColumns } from '../src/windows/check-batch.js';
import { rowTime, splitByWindow } from '../src/windows/split-by-window.js';

const profiles = new Map<string, ReferenceProfile>();
const MAX_CACHED_PROFILES = 8;

function profileOf(shared: SharedProfile): ReferenceProfile {
  let p = profiles.get(shared.id);
  if (!p) {
    // TextDecoder refuses shared memory: one private copy per profile, then cached.
    p = deserializeProfile(shared.bytes.slice());
    if (profiles.size >= MAX_CACHED_PROFILES) profiles.delete(profiles.keys().next().value as string);
    profiles.set(shared.id, p);
  }
  return p;
}

function namedColumn(spec: ModelSpec, role: string): string | undefined {
  return Object.entries(spec.columns).find(([, c]) => c.role === role)?.[0];
}

function latenciesOf(table: ColumnarTable, column: string | undefined): Float64Array | undefined {
  const col = column === undefined ? undefined : table.byName.get(column);
  if (!col || col.kind !== 'numerical') return undefined;
  const out: number[] = [];
  for (let i = 0; i < col.length; i++) {
    const v = col.values[i];
    if ((col.valid === null || col.valid[i] === 1) && Number.isFinite(v) && v >= 0) out.push(v);
  }
  return Float64Array.from(out);
}

function reference(task: Extract<IngestTask, { kind: 'reference' }>): ReferenceResult {
  const table = readTable(task.bytes, task.source);
  const profile = referenceProfileFromTable(table, task.spec);
  return { profile: serializeProfile(profile), id: profile.id, rows: table.rows, features: profile.features.length };
}

function batch(task: Extract<IngestTask, { kind: 'batch' }>): BatchResult {
  const table = readTable(task.bytes, task.source);
  const profile = task.profile ? profileOf(task.profile) : null;
  checkBatchColumns(table, task.model, task.spec, profile);
  const parts = splitByWindow(table, task.windowMs, rowTime(table, namedColumn(task.spec, 'timestamp'), task.arrivalMs));
  const latencyColumn = namedColumn(task.spec, 'latency');
  const out: BatchPart[] = parts.map((p) => ({
    start: p.start,
    end: p.end,
    rows: p.table.rows,
    sketch: profile ? serializeWindow(sketchBatch(profile, p.table)) : null,
    latencies: latenciesOf(p.table, latencyColumn),
  }));
  return { rows: table.rows, parts: out, raw: profile ? null : task.bytes };
}

function compare(task: Extract<IngestTask, { kind: 'compare' }>): CompareResult {
  const profile = profileOf(task.profile);
  const window = createWindowSketch(profile);
  for (const bytes of task.sketches) mergeWindowInto(profile, window, deserializeWindow(bytes, profile));
  const timestamp = namedColumn(task.spec, 'timestamp');
  for (const p of task.pending) {
    const table = readTable(p.bytes, 'pending batch');
    const parts = splitByWindow(table, task.windowMs, rowTime(table, timestamp, p.from));
    for (const part of parts) {
      if (part.start >= p.from && part.start < p.to) mergeWindowInto(profile, window, sketchBatch(profile, part.table));
    }
  }
  return { report: compareSketch(profile, window, task.spec), rows: window.rows };
}

export default function ingestTask(task: IngestTask) {
  try {
    switch (task.kind) {
      case 'reference':
        return { ok: reference(task) };
      case 'batch':
        return { ok: batch(task) };
      case 'compare':
        return { ok: compare(task) };
    }
  } catch (err) {
    return { error: toWire(err) };
  }
}
