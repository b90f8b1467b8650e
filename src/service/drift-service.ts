/**
 * The service's work, between the HTTP routes and the parts that do it:
 * references become profiles, batches become window sketches folded
 * durably into the store, comparisons merge a window's sketches against the
 * reference profile. CPU work runs in the worker pool; the main thread only
 * passes bytes along:
 *
 *   body (pooled memory) ─move─▶ worker: Arrow → sketch → delta blob ─move─▶ store.appendBatch
 *   (writer thread: one INSERT per window, group commit, fsync) ─▶ 202; the body's memory moves
 *   back with the result for the next request (pool/body-pool.ts)
 *                                                        │ a window with `compactAfter` deltas
 *                                                        ▼
 *   store.getWindowInBackground ─▶ worker: base + ≤ compactMax deltas merged ─▶ store.compactWindow
 *   (in the background, again until the window is caught up: a window that fell behind under
 *   load is read in runs, never all at once)
 *
 * Batches that arrive before any reference cannot be sketched: their bytes
 * wait, bounded, inside the window's compacted blob (`foldBatchMulti`).
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../engine/report.js';
import type { ModelSpec } from '../engine/spec.js';
import { createError, DriftgaugeError } from '../errors.js';
import { ownBuffer } from '../own-buffer.js';
import { BodyPool } from '../pool/body-pool.js';
import type { BatchResult, CompactResult, CompareResult, IngestTask, MergeResult, ReferenceResult, SharedProfile, TraceCarrier } from '../pool/ingest-task.js';
import { movableBytes, type WorkerPool } from '../pool/worker-pool.js';
import { deserializeProfile } from '../sketches/profile-codec.js';
import type { ReferenceProfile } from '../sketches/reference-profile.js';
import type { ModelRecord, MonitorRecord, Store, WindowRecord, WindowSummary } from '../store/store.js';
import { parseDuration } from '../windows/duration.js';
import { decodeWindowBlob, emptyBlob, encodeWindowBlob, pendingBytes } from '../windows/window-blob.js';

export interface ServiceHooks {
  onBatch?(e: { model: string; rows: number; seconds: number; status: string; latencies: Float64Array[] }): void;
  /** A comparison ended; a returned promise is awaited inside the evaluation's `publish` step. */
  onEvaluation?(e: { model: string; report: Report | null; window: string; status: 'ok' | 'error'; trigger: string }): void | Promise<void>;
  /** A background compaction ended: `deltas` folded in (0 when refused or failed, with `error`). */
  onCompaction?(e: { model: string; window: string; deltas: number; seconds: number; error?: unknown }): void;
}

export interface DriftServiceOptions {
  store: Store;
  pool: WorkerPool;
  defaultWindowMs: number;
  /** Raw bytes kept per window for batches that arrive before a reference. */
  pendingLimitBytes?: number;
  /** A window is compacted in the background once it holds this many appended deltas (default 8). */
  compactAfter?: number;
  /**
   * Deltas one compaction reads and folds at most (default 32, ~1 MiB each for
   * 50 features): a window that fell behind under load is caught up in runs
   * of this size, so a compaction's memory stays bounded.
   */
  compactMax?: number;
  /**
   * Windows a comparison reads from the store at a time (default 8; each a
   * compacted blob of a few MiB and at most about `compactMax` deltas): a
   * longer range is merged run by run in a worker, so a comparison over
   * days of hourly windows holds one run in memory, not the whole range.
   */
  windowsPerRead?: number;
  hooks?: ServiceHooks;
  /** Spans around the service's steps (the runtime's telemetry); without it, only `trace` arguments reach the workers. */
  tracing?: ServiceTracing;
  /** Request-body memory the batch path moves to a worker and takes back for the next body (default: a pool of its own). */
  bodies?: BodyPool;
}

/** The steps of the service that get a span of their own (telemetry's SPAN names them). */
export type TracedStep = 'storeAppend' | 'windowFold' | 'compare' | 'publish';

/** What an evaluation span is made of. */
export interface EvaluationTrace {
  model: string;
  /** The window compared, `start .. end` (ISO 8601). */
  window: string;
  trigger: 'manual' | 'schedule';
  /** The traceparents stored with the window's batches, newest first: they become span links. */
  traceparents: string[];
  /** When the evaluation began (epoch ms): its reads came before the span could carry their links. */
  startedAt: number;
}

/**
 * The service's tracing, provided by the runtime (telemetry/ behind it; the
 * service itself imports none of it). Every method runs `fn` in the context
 * of the span it opens and ends the span when `fn` settles, recording an error.
 */
export interface ServiceTracing {
  /** Span links per evaluation at most (the span link limit): how many traceparents to read. */
  readonly maxLinks: number;
  /** A child span of the active context. */
  step<T>(step: TracedStep, fn: () => Promise<T>): Promise<T>;
  /** An evaluation span with links: a new root for a scheduled run, a child of the active context for a manual one. */
  evaluation<T>(e: EvaluationTrace, fn: () => Promise<T>): Promise<T>;
  /** The active span's context for a worker task; undefined without a valid span. */
  carrier(): TraceCarrier | undefined;
}

export interface BatchAck {
  batch_id: string;
  rows: number;
  duplicate: boolean;
  window: { start: string; end: string };
  windows: { start: string; end: string; rows: number }[];
}

export interface ComparisonResult {
  report: Report & { window?: { start: string; end: string }; rows_other_reference?: number };
  windowStart: number;
  windowEnd: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

interface CachedProfile {
  shared: SharedProfile;
  profile: ReferenceProfile;
}

/** A comparison's input, read from the store: the window's sketches of the current reference and its pending batches. */
interface PreparedComparison {
  model: string;
  spec: ModelSpec;
  cached: CachedProfile;
  start: number;
  end: number;
  sketches: Uint8Array[];
  pending: { bytes: Uint8Array; from: number; to: number }[];
  /** Rows sketched against another reference (not compared). */
  otherRows: number;
  /** The stored blobs `sketches` and `pending` are views of, moved to the worker with the task. */
  transfer: ArrayBuffer[];
}

export class DriftService {
  #opts: DriftServiceOptions;
  #profiles = new Map<string, CachedProfile | null>();
  /** The catch-up running for a window, by model and start: one compaction per window at a time. */
  #catchUps = new Map<string, Promise<void>>();
  /** Deltas the last compaction of a window could not fold (another reference's), by model and start. */
  #leftOver = new Map<string, number>();
  /** Windows that had enough deltas appended while a compaction of theirs was running: it looks again. */
  #appendedMeanwhile = new Set<string>();

  /** Pooled request-body memory: the HTTP layer reads bodies into it, batches give it back. */
  readonly bodies: BodyPool;

  constructor(opts: DriftServiceOptions) {
    this.#opts = opts;
    this.bodies = opts.bodies ?? new BodyPool();
  }

  get store(): Store {
    return this.#opts.store;
  }

  async model(name: string): Promise<ModelRecord & { spec: ModelSpec }> {
    const m = await this.#opts.store.getModel(name);
    if (!m) throw createError('DRIFTGAUGE_ERR_MODEL_NOT_FOUND', name);
    return m as ModelRecord & { spec: ModelSpec };
  }

  async windowMs(model: string): Promise<number> {
    const monitor = await this.#opts.store.getMonitor(model);
    return monitor?.windowMs ?? this.#opts.defaultWindowMs;
  }

  /** The model's reference profile, shared with workers, cached by model until replaced. */
  async profile(model: string): Promise<CachedProfile | null> {
    if (this.#profiles.has(model)) return this.#profiles.get(model) ?? null;
    const ref = await this.#opts.store.getReference(model);
    if (!ref) return null;
    const shared = new Uint8Array(new SharedArrayBuffer(ref.profile.byteLength));
    shared.set(ref.profile);
    const profile = deserializeProfile(ref.profile);
    const cached = { shared: { id: profile.id, bytes: shared }, profile };
    this.#profiles.set(model, cached);
    return cached;
  }

  /** A request body for a worker: pooled memory is shared (body-pool.ts), anything else moves as `movableBytes` says. */
  #movable(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[]; lent: boolean } {
    return this.bodies.lent(bytes) ? { bytes, transfer: [], lent: true } : { ...movableBytes(bytes), lent: false };
  }

  forget(model: string): void {
    this.#profiles.delete(model);
  }

  async putReference(model: string, bytes: Uint8Array, source: string, trace?: IngestTask['trace']) {
    return this.#givingBodyBack(bytes, () => this.#putReference(model, bytes, source, trace));
  }

  async postBatch(model: string, bytes: Uint8Array, source: string, batchId: string | undefined, trace?: IngestTask['trace']): Promise<BatchAck> {
    return this.#givingBodyBack(bytes, () => this.#postBatch(model, bytes, source, batchId, trace));
  }

  /**
   * Runs `work` on a request body, then gives the body's pooled memory back
   * (body-pool.ts), whether the work succeeded or failed: once it settled,
   * nothing reads or writes the body any more (the worker answered, the
   * store's append settled; a pending batch was copied into its window).
   * Not after a task timeout: the worker may still be at it. Rejected
   * requests (404, 400, 422, ...) give their memory back too, so a client
   * retrying a bad batch does not take fresh shared memory, which V8 counts
   * nowhere, each time.
   */
  async #givingBodyBack<T>(bytes: Uint8Array, work: () => Promise<T>): Promise<T> {
    let reusable = true;
    try {
      return await work();
    } catch (err) {
      if (err instanceof DriftgaugeError && err.code === 'DRIFTGAUGE_ERR_TASK_TIMEOUT') reusable = false;
      throw err;
    } finally {
      if (reusable) this.bodies.release(bytes);
      else this.bodies.forsake(bytes);
    }
  }

  async #putReference(model: string, bytes: Uint8Array, source: string, trace?: IngestTask['trace']) {
    const m = await this.model(model);
    const moved = this.#movable(bytes);
    const task: IngestTask = { kind: 'reference', bytes: moved.bytes, source, spec: m.spec, trace: this.#carrier(trace) };
    const r = await this.#opts.pool.run<ReferenceResult>(task, moved.transfer);
    await this.#opts.store.putReference(model, r.profile, { id: r.id, rows: r.rows, features: r.features });
    this.#profiles.delete(model);
    return { model, rows: r.rows, features: r.features, profile: r.id };
  }

  async #postBatch(model: string, bytes: Uint8Array, source: string, batchId: string | undefined, trace?: IngestTask['trace']): Promise<BatchAck> {
    const started = process.hrtime.bigint();
    const m = await this.model(model);
    const id = batchId ?? randomUUID();
    const cached = await this.profile(model);
    const windowMs = await this.windowMs(model);
    // Pooled memory is shared with the worker, which writes the batch's delta over the body it has read.
    const moved = this.#movable(bytes);
    // The request's span: worker.profile is its child, and the batch keeps it for span links.
    const carrier = this.#carrier(trace);
    const traceparent = carrier?.traceparent ?? null;
    const task: IngestTask = {
      kind: 'batch',
      bytes: moved.bytes,
      writeOverBody: moved.lent,
      source,
      model,
      spec: m.spec,
      profile: cached?.shared ?? null,
      windowMs,
      arrivalMs: Date.now(),
      trace: carrier,
    };
    let result: BatchResult;
    try {
      result = await this.#opts.pool.run<BatchResult>(task, moved.transfer);
    } catch (err) {
      this.#opts.hooks?.onBatch?.({ model, rows: 0, seconds: seconds(started), status: 'rejected', latencies: [] });
      throw err;
    }
    let folded: { duplicate: boolean; windows: WindowSummary[] };
    const deltas = result.parts.map((p) => p.delta);
    if (deltas.every((d) => d !== null)) {
      const parts = result.parts.map((p, i) => ({ windowStart: p.start, windowEnd: p.end, rows: p.rows, delta: deltas[i] }));
      // The deltas may be views on the body's memory: it goes back to the pool only once this settled (#givingBodyBack).
      folded = await this.#step('storeAppend', () => this.#opts.store.appendBatch({ model, batchId: id, parts, traceparent }));
      if (!folded.duplicate) this.#compactFull(model, folded.windows);
    } else {
      folded = await this.#step('windowFold', () => this.#foldPending(model, id, result, traceparent));
    }
    this.#opts.hooks?.onBatch?.({
      model,
      rows: result.rows,
      seconds: seconds(started),
      status: folded.duplicate ? 'duplicate' : 'accepted',
      latencies: folded.duplicate ? [] : result.parts.flatMap((p) => (p.latencies ? [p.latencies] : [])),
    });
    const windows = folded.windows.map((w) => ({ start: iso(w.start), end: iso(w.end), rows: w.rows }));
    return { batch_id: id, rows: result.rows, duplicate: folded.duplicate, window: { start: windows[0].start, end: windows[0].end }, windows };
  }

  /** Without a reference: the raw batch waits in each window's compacted blob, within the pending limit. */
  async #foldPending(model: string, id: string, result: BatchResult, traceparent: string | null): Promise<{ duplicate: boolean; windows: WindowSummary[] }> {
    const limit = this.#opts.pendingLimitBytes ?? 64 * 2 ** 20;
    const raw = result.raw;
    const parts = result.parts.map((part) => ({
      windowStart: part.start,
      windowEnd: part.end,
      rows: part.rows,
      merge: (existing: Uint8Array | null) => {
        const blob = existing ? decodeWindowBlob(existing) : emptyBlob();
        if (raw) {
          if (pendingBytes(blob) + raw.byteLength > limit) {
            throw createError('DRIFTGAUGE_ERR_PENDING_LIMIT', model, limit);
          }
          blob.pending.push({ batchId: id, from: part.start, to: part.end, bytes: raw });
        }
        return encodeWindowBlob(blob);
      },
    }));
    const folded = await this.#opts.store.foldBatchMulti({ model, batchId: id, parts, traceparent });
    return { duplicate: folded.duplicate, windows: folded.windows.map((w) => ({ ...w, deltaCount: w.deltas.length })) };
  }

  /**
   * Starts a background compaction of each window holding `compactAfter`
   * deltas or more beyond those the last compaction had to leave (sketched
   * against a reference replaced since: they stay deltas, counted as
   * `rows_other_reference`).
   */
  #compactFull(model: string, windows: WindowSummary[]): void {
    const after = this.#opts.compactAfter ?? 8;
    for (const w of windows) {
      const key = `${model}\u0000${w.start}`;
      if (w.deltaCount - (this.#leftOver.get(key) ?? 0) < after) continue;
      if (this.#catchUps.has(key)) {
        // The running compaction counted the window's deltas before this one landed: it reads again.
        this.#appendedMeanwhile.add(key);
        continue;
      }
      this.#startCatchUp(model, w.start, key);
    }
  }

  /**
   * Starts the window's catch-up (none may be running) until fewer than
   * `until` deltas are left to fold; it leaves `#catchUps` when it ends.
   */
  #startCatchUp(model: string, start: number, key: string, until = this.#opts.compactAfter ?? 8): Promise<void> {
    const done = this.#catchUp(model, start, key, until).catch(() => {});
    this.#catchUps.set(key, done);
    return done;
  }

  /**
   * Runs of at most compactMax deltas until the window is caught up: each run
   * folds its deltas or moves the skip past them (another reference's), so
   * the loop ends; a refused run ends it too (the next append starts it
   * again). A run's count of the deltas after it is as old as its read:
   * when appends landed meanwhile, the window is counted again before the
   * loop ends. The window leaves `#catchUps` in the same turn as the last
   * look at `#appendedMeanwhile`, so no append falls between the two.
   */
  async #catchUp(model: string, start: number, key: string, after: number): Promise<void> {
    try {
      for (;;) {
        const r = await this.compactWindow(model, start, this.#leftOver.get(key) ?? 0);
        if (r.left > 0) this.#leftOver.set(key, r.left);
        else this.#leftOver.delete(key);
        if (r.refused) return;
        if (r.more >= after) continue;
        // Counts of the window without its sketches; the last look at the flag and the exit share a turn.
        let enough = false;
        while (!enough && this.#appendedMeanwhile.delete(key)) enough = (await this.#deltasToFold(model, start, key)) >= after;
        if (!enough) return;
      }
    } finally {
      this.#catchUps.delete(key);
      this.#appendedMeanwhile.delete(key);
    }
  }

  /** The window's deltas beyond those the last compaction had to leave, counted now (no sketch is read). */
  async #deltasToFold(model: string, start: number, key: string): Promise<number> {
    const head = await this.#opts.store.getWindowInBackground(model, start, { skip: this.#leftOver.get(key) ?? 0, max: 0 });
    return head?.after ?? 0;
  }

  /**
   * Folds a run of a window's deltas (of the current reference) into its
   * compacted blob: read, merged in a worker, written back in one
   * transaction that is refused when the window's compacted blob changed
   * meanwhile. The run is the oldest `compactMax` deltas after the first
   * `skip` (deltas an earlier compaction could not fold: another
   * reference's, always the oldest). Resolves with the number of deltas
   * folded in, of those left unfolded before the next run (`skip` plus this
   * run's other-reference deltas), and of deltas after the run (`more`);
   * `refused` when the window changed meanwhile and nothing was written.
   */
  async compactWindow(model: string, start: number, skip = 0): Promise<{ folded: number; left: number; more: number; refused: boolean }> {
    const started = process.hrtime.bigint();
    const window = `${iso(start)}`;
    try {
      const cached = await this.profile(model);
      const w = await this.#opts.store.getWindowInBackground(model, start, { skip, max: this.#opts.compactMax ?? 32 });
      if (!w) return { folded: 0, left: 0, more: 0, refused: false };
      if (!cached || w.deltas.length === 0) return { folded: 0, left: w.before + w.deltas.length, more: w.after, refused: false };
      const base = movableBytes(w.sketch);
      const deltas = w.deltas.map((d) => ({ seq: d.seq, moved: movableBytes(d.sketch) }));
      const task: IngestTask = {
        kind: 'compact',
        profile: cached.shared,
        base: base.bytes,
        deltas: deltas.map((d) => ({ seq: d.seq, bytes: d.moved.bytes })),
      };
      const transfer = [...base.transfer, ...deltas.flatMap((d) => d.moved.transfer)];
      const r = await this.#opts.pool.run<CompactResult>(task, transfer, { background: true });
      const ok = r.seqs.length > 0 && (await this.#opts.store.compactWindow({ model, windowStart: start, version: w.version, seqs: r.seqs, sketch: r.sketch }));
      const folded = ok ? r.seqs.length : 0;
      this.#opts.hooks?.onCompaction?.({ model, window, deltas: folded, seconds: seconds(started) });
      // Refused (the window changed meanwhile): nothing learnt about the run, which stays to be folded.
      if (r.seqs.length > 0 && !ok) return { folded: 0, left: skip, more: w.deltas.length + w.after, refused: true };
      return { folded, left: w.before + w.deltas.length - folded, more: w.after, refused: false };
    } catch (error) {
      this.#opts.hooks?.onCompaction?.({ model, window, deltas: 0, seconds: seconds(started), error });
      throw error;
    }
  }

  /** Resolves when the background compactions running now have ended (before closing pool and store). */
  async settle(): Promise<void> {
    await Promise.all([...this.#catchUps.values()]);
  }

  /** The window a comparison covers: the one holding now, or a [start, end) range. */
  async resolveRange(model: string, window: 'current' | { start: string; end: string }): Promise<{ start: number; end: number }> {
    if (window === 'current') {
      const size = await this.windowMs(model);
      const start = Math.floor(Date.now() / size) * size;
      return { start, end: start + size };
    }
    const start = Date.parse(window.start);
    const end = Date.parse(window.end);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
      throw createError('DRIFTGAUGE_ERR_INVALID_WINDOW', `${window.start} .. ${window.end}`, 'start and end must be ISO 8601 times with start before end');
    }
    return { start, end };
  }

  /**
   * Compares a window (the current one or a range) with the reference now,
   * stores the report and publishes it. Traced as an `evaluation` span,
   * child of the active context (the request's), linked to the batches of
   * the window.
   */
  async compare(model: string, window: 'current' | { start: string; end: string }, trigger: 'manual' | 'schedule', trace?: TraceCarrier): Promise<ComparisonResult> {
    const startedAt = Date.now();
    const m = await this.model(model);
    const cached = await this.profile(model);
    if (!cached) throw createError('DRIFTGAUGE_ERR_NO_REFERENCE', model, model);
    const range = await this.resolveRange(model, window);
    const prepared = await this.#read(m, cached, range);
    return this.#evaluate(prepared ?? { model, ...range }, trigger, startedAt, trace);
  }

  /**
   * A monitor's run at `firedAt`: the window holding the fire time, or,
   * when that one holds no data yet (right at a boundary), the window that
   * just closed. The window is chosen before the evaluation span starts, so
   * the span links to the batches of the window actually compared; the span
   * is a new root (no request started it).
   */
  async compareScheduled(model: string, windowMs: number, firedAt: number): Promise<ComparisonResult> {
    const startedAt = Date.now();
    const m = await this.model(model);
    const cached = await this.profile(model);
    if (!cached) throw createError('DRIFTGAUGE_ERR_NO_REFERENCE', model, model);
    const start = Math.floor(firedAt / windowMs) * windowMs;
    const prepared =
      (await this.#read(m, cached, { start, end: start + windowMs })) ?? (await this.#read(m, cached, { start: start - windowMs, end: start }));
    return this.#evaluate(prepared ?? { model, start: start - windowMs, end: start }, 'schedule', startedAt);
  }

  /**
   * Before a comparison reads a range: a window holding more than
   * `compactMax` deltas to fold (compaction fell behind) is caught up first,
   * awaiting the catch-up running for it or starting one, so a comparison
   * reads a window's compacted blob and at most about `compactMax` deltas,
   * not a backlog of hundreds of MiB. Background tasks wait behind requests
   * only so long (worker-pool.ts), so this ends; when appends keep the
   * window behind, the comparison reads it as it is after a few rounds.
   */
  async #compactBeforeReading(model: string, windows: WindowSummary[]): Promise<void> {
    const max = this.#opts.compactMax ?? 32;
    for (const w of windows) {
      const key = `${model}\u0000${w.start}`;
      let behind = w.deltaCount - (this.#leftOver.get(key) ?? 0) > max;
      for (let round = 0; behind && round < 4; round++) {
        await (this.#catchUps.get(key) ?? this.#startCatchUp(model, w.start, key, Math.min(max, this.#opts.compactAfter ?? 8)));
        behind = (await this.#deltasToFold(model, w.start, key)) > max;
      }
    }
  }

  /**
   * The comparison's input from the store, or null when the range holds
   * nothing to compare. The range's windows are read `windowsPerRead` at a
   * time; every run but the last is merged in a worker into one sketch that
   * leads the next run, so the sketches merge in the same order as when read
   * at once (bit for bit the same report; raw pending batches, rare, are
   * kept for the end as before).
   */
  async #read(m: ModelRecord & { spec: ModelSpec }, cached: CachedProfile, range: { start: number; end: number }): Promise<PreparedComparison | null> {
    const { start, end } = range;
    const windows = (await this.#opts.store.listWindowSummaries(m.name, { from: start, to: end })).filter((w) => w.start >= start && w.end <= end);
    await this.#compactBeforeReading(m.name, windows);
    const per = Math.max(1, this.#opts.windowsPerRead ?? 8);
    const input: ComparisonInput = { sketches: [], pending: [], otherRows: 0, transfer: new Set() };
    for (let i = 0; i < windows.length; i += per) {
      const run = windows.slice(i, i + per);
      const starts = new Set(run.map((w) => w.start));
      const records = (await this.#opts.store.listWindows(m.name, { from: run[0].start, to: run[run.length - 1].end })).filter(
        (w) => starts.has(w.start) && w.end <= end,
      );
      const last = i + per >= windows.length;
      collectInput(records, cached.profile.id, input, !last);
      if (last) break;
      if (input.sketches.length > 0) {
        const task: IngestTask = { kind: 'merge', profile: cached.shared, sketches: input.sketches, trace: this.#carrier(undefined) };
        const merged = await this.#opts.pool.run<MergeResult>(task, [...input.transfer]);
        const moved = movableBytes(merged.sketch);
        input.sketches = [moved.bytes];
        input.transfer = new Set(moved.transfer);
      } else input.transfer.clear(); // only other references' sketches and copied pending batches: nothing refers to these blobs
    }
    const { sketches, pending, otherRows, transfer } = input;
    if (sketches.length === 0 && pending.length === 0) return null;
    return { model: m.name, spec: m.spec, cached, start, end, sketches, pending, otherRows, transfer: [...transfer] };
  }

  /**
   * The evaluation proper, in its span: `compare` (the pool task; the
   * worker's `worker.compare` is its child) then `publish` (the report
   * stored, the metrics recorded). Without data, the span records the
   * failure (no links).
   */
  async #evaluate(
    prepared: PreparedComparison | { model: string; start: number; end: number },
    trigger: 'manual' | 'schedule',
    startedAt: number,
    trace?: TraceCarrier,
  ): Promise<ComparisonResult> {
    const { model, start, end } = prepared;
    const label = `${iso(start)} .. ${iso(end)}`;
    const failed = () => this.#opts.hooks?.onEvaluation?.({ model, report: null, window: label, status: 'error', trigger });
    const tracing = this.#opts.tracing;
    const ready = 'spec' in prepared ? prepared : null;
    const run = async (): Promise<ComparisonResult> => {
      if (!ready) {
        await failed();
        throw createError('DRIFTGAUGE_ERR_NO_WINDOW_DATA', model, label);
      }
      const windowMs = await this.windowMs(model);
      let result: CompareResult;
      try {
        result = await this.#step('compare', () => {
          const task: IngestTask = {
            kind: 'compare',
            spec: ready.spec,
            profile: ready.cached.shared,
            sketches: ready.sketches,
            pending: ready.pending,
            windowMs,
            trace: this.#carrier(trace),
          };
          return this.#opts.pool.run<CompareResult>(task, ready.transfer);
        });
      } catch (err) {
        await failed();
        throw err;
      }
      const report: ComparisonResult['report'] = { ...result.report, window: { start: iso(start), end: iso(end) } };
      if (ready.otherRows > 0) report.rows_other_reference = ready.otherRows;
      await this.#step('publish', async () => {
        await this.#opts.store.addReport({ model, windowStart: start, windowEnd: end, trigger, report });
        await this.#opts.hooks?.onEvaluation?.({ model, report, window: label, status: 'ok', trigger });
      });
      return { report, windowStart: start, windowEnd: end };
    };
    if (!tracing) return run();
    const traceparents = ready ? await this.#opts.store.listBatchTraceparents(model, { from: start, to: end }, tracing.maxLinks) : [];
    return tracing.evaluation({ model, window: label, trigger, traceparents, startedAt }, run);
  }

  /** `fn` in a span of its own when traced. */
  #step<T>(step: TracedStep, fn: () => Promise<T>): Promise<T> {
    const tracing = this.#opts.tracing;
    return tracing ? tracing.step(step, fn) : fn();
  }

  /** The trace context for a worker task: the active span's when traced, else what the caller passed. */
  #carrier(fallback: TraceCarrier | undefined): TraceCarrier | undefined {
    const tracing = this.#opts.tracing;
    return tracing ? tracing.carrier() : fallback;
  }

  async putMonitor(model: string, body: { window: string; schedule: string; drift?: unknown }): Promise<MonitorRecord> {
    await this.model(model);
    const windowMs = parseDuration(body.window);
    return this.#opts.store.putMonitor({ model, window: body.window, windowMs, schedule: body.schedule, drift: body.drift });
  }
}

function seconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Rows in a serialized window sketch, read from its header without the profile. */
function deserializeWindowRows(bytes: Uint8Array): number {
  try {
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
    const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as { header?: { rows?: number } };
    return typeof parsed.header?.rows === 'number' ? parsed.header.rows : 0;
  } catch {
    return 0;
  }
}

/** What a comparison reads from its windows' blobs, gathered run by run. */
interface ComparisonInput {
  sketches: Uint8Array[];
  pending: { bytes: Uint8Array; from: number; to: number }[];
  otherRows: number;
  /** The stored blobs `sketches` (and pending batches, unless copied) are views of: moved to the worker, not cloned. */
  transfer: Set<ArrayBuffer>;
}

/**
 * Adds the windows' sketches of profile `profileId` (compacted, then deltas),
 * their pending raw batches, and the rows sketched against another
 * reference to `input`. `copyPending`: the blobs go to a worker before the
 * comparison does, so pending batches are copied out of them.
 */
function collectInput(records: WindowRecord[], profileId: string, input: ComparisonInput, copyPending: boolean): void {
  for (const w of records) {
    for (const stored of [w.sketch, ...w.deltas.map((d) => d.sketch)]) {
      // A blob read from the store owns its memory: the views taken of it move with it, uncopied.
      const own = stored.byteLength > 0 ? ownBuffer(stored) : null;
      if (own) input.transfer.add(own);
      const blob = decodeWindowBlob(stored, false);
      for (const [id, bytes] of blob.sketches) {
        if (id === profileId) input.sketches.push(bytes);
        else input.otherRows += deserializeWindowRows(bytes);
      }
      // new Uint8Array(view) copies (a Buffer's slice() would not: Buffer#slice is a view).
      for (const p of blob.pending) input.pending.push({ bytes: copyPending ? new Uint8Array(p.bytes) : p.bytes, from: p.from, to: p.to });
    }
  }
}

