/**
 * Piscina entry point of the service: decodes Arrow bodies (shared with
 * this worker, not copied), builds reference profiles, sketches batches per
 * window, and runs sketch comparisons — all off the event loop.
 *
 *   main thread                                 this worker
 *   ───────────                                 ───────────
 *   body (pooled SharedArrayBuffer) ─ share ─▶ readTable (views on the bytes)
 *   profile (SharedArrayBuffer) ── share ──▶   deserialized once per profile id, cached
 *   ◀── {ok: delta blob written over the body} | {error: {code, message}}
 *
 * Nothing is moved out of this worker (ingest-task.ts): results are copied,
 * and a batch's delta comes back in the body's own shared memory.
 *
 * A batch leaves as one delta blob per window (window-blob.ts, ready for the
 * store as is: the main thread never decodes it); a compaction folds a
 * window's deltas into its compacted blob here, off the event loop.
 */

import type { Context } from '@opentelemetry/api';
import { workerData } from 'piscina';
import { loadTfBackend } from '../native-bindings/load-backend.js';
import type { Tf } from '../native-bindings/tf-types.js';
import { ColumnArena } from '../src/arrow/column-arena.js';
import type { ColumnarTable } from '../src/arrow/columns.js';
import { readTable } from '../src/arrow/read-table.js';
import type { TfBackendChoice } from '../src/config.js';
import { compareWindowSketch, referenceProfileFromTable } from '../src/engine/sketch-compare.js';
import type { ModelSpec } from '../src/engine/spec.js';
import { toWire } from '../src/errors.js';
import { arriveAndWait } from '../src/pool/barrier.js';
import type {
  BatchPart,
  BatchResult,
  CompactResult,
  CompareResult,
  FlushTask,
  IngestTask,
  MergeResult,
  ReferenceResult,
  SharedProfile,
} from '../src/pool/ingest-task.js';
import { createWorkerLogger, logTaskOutcome, type WorkerLogSettings } from '../src/pool/worker-log.js';
import type { ByteAllocator } from '../src/sketches/binary-container.js';
import { deserializeProfile, serializeProfile } from '../src/sketches/profile-codec.js';
import type { ReferenceProfile } from '../src/sketches/reference-profile.js';
import { SampleThresholds } from '../src/sketches/row-sample.js';
import { sketchBatch } from '../src/sketches/sketch-batch.js';
import { warmUpSketchKernels } from '../src/sketches/warm-up-sketch.js';
import { deserializeWindow, mergeSerializedInto, serializeWindow } from '../src/sketches/window-codec.js';
import { createWindowSketch, mergeWindowInto, resetWindowSketch, type WindowSketch } from '../src/sketches/window-sketch.js';
import { initWorkerTracing, inWorkerSpan, markSpanFailed, runInCarrierContext, SPAN } from '../src/telemetry/index.js';
import { checkBatchColumns } from '../src/windows/check-batch.js';
import { rowTime, splitByWindow } from '../src/windows/split-by-window.js';
import { decodeWindowBlob, encodeSketchBlob, encodeWindowBlob } from '../src/windows/window-blob.js';

/** What the service's runtime passes every worker once (piscina workerData): its log level and TF.js backend choice. */
const settings = workerData as (WorkerLogSettings & { tfBackend?: TfBackendChoice }) | undefined;

/**
 * The batch kernels compiled with every branch's feedback before this worker's first batch
 * (~70 ms, once). Not at module load: piscina loads this module as the worker starts, and a
 * service stopped right after it started (SIGTERM) would terminate workers still in that load,
 * which node 20 does not survive (a fatal V8 error in ModuleWrap::InstantiateSync seen in CI);
 * the longer the load, the likelier. Only ever a speed-up: a failure must not fail the batch.
 */
let kernelsWarm = false;

function warmKernelsOnce(): void {
  if (kernelsWarm) return;
  kernelsWarm = true;
  try {
    warmUpSketchKernels();
  } catch {
    // The kernels then compile on the first batches, as without a warm-up.
  }
}

const profiles = new Map<string, ReferenceProfile>();
/** One empty window per cached profile, refilled by every batch (its arrays allocated once). */
const scratch = new Map<string, WindowSketch>();
const MAX_CACHED_PROFILES = 8;

function profileOf(shared: SharedProfile): ReferenceProfile {
  let p = profiles.get(shared.id);
  if (!p) {
    // TextDecoder refuses shared memory: one private copy per profile, then cached.
    p = deserializeProfile(shared.bytes.slice());
    if (profiles.size >= MAX_CACHED_PROFILES) {
      const oldest = profiles.keys().next().value as string;
      profiles.delete(oldest);
      scratch.delete(oldest);
    }
    profiles.set(shared.id, p);
  }
  return p;
}

/**
 * Per window, the k smallest row-sample priorities this worker has emitted:
 * a batch's delta carries only rows below that (row-sample.ts; the window's
 * merged sample is unchanged), so after a window's first batch here a delta
 * holds ~k/j sample rows, not k.
 */
const sampleThresholds = new SampleThresholds(32);

/** The batch's sketch, in the profile's scratch window: serialize it before the next batch. */
function sketchInScratch(profile: ReferenceProfile, table: ColumnarTable, window?: { start: number; end: number }): WindowSketch {
  const key = window && profile.sample ? `${profile.id}:${window.start}:${window.end}` : null;
  const limit = key === null ? Number.POSITIVE_INFINITY : sampleThresholds.threshold(key, profile.options.sampleRows);
  let w = scratch.get(profile.id);
  if (!w) {
    w = sketchBatch(profile, table, undefined, limit);
    scratch.set(profile.id, w);
  } else sketchBatch(profile, table, resetWindowSketch(profile, w), limit);
  if (key !== null && w.sample) sampleThresholds.observe(key, w.sample);
  return w;
}

let tfLoading: Promise<Tf | null> | undefined;

/**
 * TF.js for the multivariate section of window reports: loaded once per
 * worker, on the first comparison whose samples are large enough
 * (DRIFTGAUGE_TF_BACKEND chooses, as at service start; the loader keeps
 * TF.js's banner off the output). A backend that cannot load makes the
 * section an error entry, never a failed report.
 */
function workerTf(): Promise<Tf | null> {
  // The service's DRIFTGAUGE_TF_BACKEND as its config read it (workerData), else this thread's environment.
  tfLoading ??= loadTfBackend(settings?.tfBackend).then((loaded) => loaded.tf);
  return tfLoading;
}

function namedColumn(spec: ModelSpec, role: string): string | undefined {
  return Object.entries(spec.columns).find(([, c]) => c.role === role)?.[0];
}

function latenciesOf(table: ColumnarTable, column: string | undefined): Float64Array | undefined {
  const col = column === undefined ? undefined : table.byName.get(column);
  if (col?.kind !== 'numerical') return undefined;
  const out: number[] = [];
  for (let i = 0; i < col.length; i++) {
    const v = col.values[i];
    if ((col.valid === null || col.valid[i] === 1) && Number.isFinite(v) && v >= 0) out.push(v);
  }
  return Float64Array.from(out);
}

function reference(task: Extract<IngestTask, { kind: 'reference' }>, ctx: Context): ReferenceResult {
  const table = inWorkerSpan(SPAN.arrowDecode, ctx, () => readTable(task.bytes, task.source));
  const profile = referenceProfileFromTable(table, task.spec);
  return { profile: serializeProfile(profile), id: profile.id, rows: table.rows, features: profile.features.length };
}

/** Converted columns of the batch being read (float32, integers, ...): nothing of a table outlives its task. */
const columns = new ColumnArena();

function batch(task: Extract<IngestTask, { kind: 'batch' }>, ctx: Context): BatchResult {
  warmKernelsOnce();
  columns.reset();
  const table = inWorkerSpan(SPAN.arrowDecode, ctx, () => readTable(task.bytes, task.source, { allocValues: (n) => columns.take(n) }));
  const profile = task.profile ? profileOf(task.profile) : null;
  checkBatchColumns(table, task.model, task.spec, profile);
  const parts = splitByWindow(table, task.windowMs, rowTime(table, namedColumn(task.spec, 'timestamp'), task.arrivalMs));
  const latencyColumn = namedColumn(task.spec, 'latency');
  // Read before a delta may be written over the body.
  const latencies = parts.map((p) => latenciesOf(p.table, latencyColumn));
  const alloc = task.writeOverBody && parts.length === 1 ? overBody(task.bytes) : undefined;
  // Sketch and serialize every window's part: one span (a child of worker.profile, after arrow.decode).
  const deltas = profile
    ? inWorkerSpan(SPAN.windowSketch, ctx, () =>
        parts.map((p) => encodeSketchBlob(profile.id, (prefix) => serializeWindow(sketchInScratch(profile, p.table, p), { prefix, alloc, float32Offsets: true }))),
      )
    : null;
  const out: BatchPart[] = parts.map((p, i) => ({
    start: p.start,
    end: p.end,
    rows: p.table.rows,
    delta: deltas ? deltas[i] : null,
    latencies: latencies[i],
  }));
  return { rows: table.rows, parts: out, raw: profile ? null : task.bytes };
}

/**
 * Where a single-window batch's delta goes: over the body it was sketched
 * from (the task's own pooled memory), when it fits; else new memory. Called
 * only once the part is sketched: nothing reads the body after that. The
 * blob proper starts 8-aligned (the encoder then writes its narrowed arrays
 * in place) and is not zeroed first: the encoder writes every byte.
 */
function overBody(body: Uint8Array): ByteAllocator {
  return (n, alignAt) => {
    const pad = (8 - ((body.byteOffset + alignAt) % 8)) % 8;
    if (pad + n > body.buffer.byteLength - body.byteOffset) return new Uint8Array(n);
    return new Uint8Array(body.buffer, body.byteOffset + pad, n);
  };
}

/**
 * Folds the deltas sketched against `task.profile` into the base blob; a
 * delta holding anything else (another profile's sketch) is left alone.
 */
function compact(task: Extract<IngestTask, { kind: 'compact' }>): CompactResult {
  const profile = profileOf(task.profile);
  const base = decodeWindowBlob(task.base);
  const prior = base.sketches.get(profile.id);
  const window = prior ? deserializeWindow(prior, profile) : createWindowSketch(profile);
  const seqs: number[] = [];
  for (const d of task.deltas) {
    const blob = decodeWindowBlob(d.bytes, false);
    if (blob.pending.length > 0 || blob.sketches.size !== 1) continue;
    const bytes = blob.sketches.get(profile.id);
    if (!bytes) continue;
    mergeSerializedInto(profile, window, bytes);
    seqs.push(d.seq);
  }
  if (prior || seqs.length > 0) base.sketches.set(profile.id, serializeWindow(window));
  return { sketch: encodeWindowBlob(base), seqs };
}

/** A run of a long range's window sketches, merged in order into one (the service passes it on as the next run's first). */
function merge(task: Extract<IngestTask, { kind: 'merge' }>): MergeResult {
  const profile = profileOf(task.profile);
  const window = createWindowSketch(profile);
  for (const bytes of task.sketches) mergeSerializedInto(profile, window, bytes);
  return { sketch: serializeWindow(window) };
}

/** The window's report, with its multivariate section (TF.js, async): never rejects for the section, which fails into an error entry. */
async function compare(task: Extract<IngestTask, { kind: 'compare' }>): Promise<CompareResult> {
  const profile = profileOf(task.profile);
  const window = createWindowSketch(profile);
  for (const bytes of task.sketches) mergeSerializedInto(profile, window, bytes);
  const timestamp = namedColumn(task.spec, 'timestamp');
  for (const p of task.pending) {
    const table = readTable(p.bytes, 'pending batch');
    const parts = splitByWindow(table, task.windowMs, rowTime(table, timestamp, p.from));
    for (const part of parts) {
      if (part.start >= p.from && part.start < p.to) mergeWindowInto(profile, window, sketchBatch(profile, part.table));
    }
  }
  return { report: await compareWindowSketch(profile, window, task.spec, workerTf), rows: window.rows };
}

// Worker spans export over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; the parent crosses in each task.
const stopTracing = initWorkerTracing();
const log = createWorkerLogger(settings);

const SPAN_OF: Record<IngestTask['kind'], string> = {
  reference: SPAN.workerProfile,
  batch: SPAN.workerProfile,
  compact: SPAN.workerProfile,
  merge: SPAN.workerCompare,
  compare: SPAN.workerCompare,
};

/** How long a flush waits for the other workers to take theirs (one busy elsewhere must not hold the rest). */
const FLUSH_BARRIER_MS = 2000;

export default function ingestTask(task: IngestTask | FlushTask) {
  if (task.kind === 'flush') {
    // Piscina stops a worker without warning: the spans its exporter still holds go now, or never.
    arriveAndWait(task.barrier, FLUSH_BARRIER_MS);
    return stopTracing().then(
      () => ({ ok: true }),
      (err: unknown) => ({ error: toWire(err) }),
    );
  }
  return runInCarrierContext(task.trace, SPAN_OF[task.kind], (ctx) => logTaskOutcome(log, task.kind, process.hrtime.bigint(), runTask(task, ctx)));
}

function runTask(task: IngestTask, ctx: Context) {
  try {
    switch (task.kind) {
      case 'reference':
        return { ok: reference(task, ctx) };
      // Results are copied back, never moved (moving detaches, which slows this worker's typed-array code; ingest-task.ts).
      case 'batch':
        return { ok: batch(task, ctx) };
      case 'compact':
        return { ok: compact(task) };
      case 'merge':
        return { ok: merge(task) };
      case 'compare':
        return compare(task).then(
          (ok) => ({ ok }),
          (err) => {
            const error = toWire(err);
            markSpanFailed(ctx, error.code);
            return { error };
          },
        );
    }
  } catch (err) {
    const error = toWire(err);
    markSpanFailed(ctx, error.code);
    return { error };
  }
}
