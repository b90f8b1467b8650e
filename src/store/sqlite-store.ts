/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode. Reads
 * and small writes run synchronously on the calling thread and return a
 * settled Promise. Folds go through group commit (group-commit.ts): the
 * folds submitted in one event-loop turn share one IMMEDIATE transaction and
 * one WAL fsync, each in its own savepoint, and each Promise resolves only
 * after that commit, so with `synchronous = FULL` an acknowledged batch is on
 * disk. IMMEDIATE takes the write lock up front, so two processes on one file
 * wait for each other (busy timeout) instead of failing on a lock upgrade.
 *
 *   one fold, inside its savepoint:
 *     batch id seen for the model? ── yes ─▶ { duplicate: true, windows as they stand }, merge not called
 *       │ no
 *       ▼
 *     per part: read sketch ─▶ merge(sketch | null) ─▶ write sketch, rows + n, batches + 1
 *     record (batch id, window) for each part
 *     anything throws ─▶ ROLLBACK TO savepoint ─▶ this fold rejects, nothing of it written
 *
 * The ingest path appends instead (`appendBatch`): each batch's sketch
 * becomes a delta row, nothing is read or rewritten, and the commit runs on
 * the store's writer thread (sqlite-writer-thread.ts, its own connection and
 * group commit) so its fsync never stalls the event loop. `compactWindow`
 * (same thread) folds deltas into the window's sketch. Reads return the
 * sketch with the deltas; the main connection reads committed data only.
 */
import type Database from 'better-sqlite3';
import { createError } from '../errors.js';
import { ownBuffer } from '../own-buffer.js';
import { GroupCommit } from './group-commit.js';
import { storeError } from './sqlite-errors.js';
import { type AppendResult, expectRow, type FoldResult, foldParts, nowIso, readDeltaSketch, readWindow, readWindowHead } from './sqlite-folds.js';
import { openDatabase, type SqliteStoreOptions, type Synchronous } from './sqlite-open.js';
import { toModel, toMonitor, toReference, toReport, toSummary, toWindow } from './sqlite-rows.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
import { SqliteWriter } from './sqlite-writer.js';
import type {
  AppendArgs,
  CompactArgs,
  DeltaRange,
  FoldArgs,
  FoldMultiArgs,
  ListReportsOptions,
  ModelRecord,
  MonitorRecord,
  NewMonitor,
  NewReport,
  ReferenceRecord,
  ReportRecord,
  Store,
  WindowRecord,
  WindowSlice,
  WindowSummary,
} from './store.js';
import {
  checkAppendParts,
  checkBlobToPost,
  checkInteger,
  checkName,
  checkParts,
  checkSketch,
  checkTraceparent,
  checkTrigger,
  isoTime,
  jsonText,
  reportLimit,
  traceparentLimit,
} from './store-args.js';

/** What the connection runs with, for start-up logs and tests. */
export interface SqliteSettings {
  file: string;
  journalMode: string;
  synchronous: Synchronous | 'OFF' | 'EXTRA';
  foreignKeys: boolean;
  busyTimeoutMs: number;
  schemaVersion: number;
}

const SYNCHRONOUS_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

/** The SQLite implementation of `Store`; build it with `openSqliteStore`. */
export class SqliteStore implements Store {
  /** The database file. */
  readonly file: string;
  readonly #db: Database.Database;
  readonly #sql: Statements;
  readonly #folds: GroupCommit<FoldMultiArgs, FoldResult>;
  readonly #writer: SqliteWriter;

  constructor(opts: SqliteStoreOptions) {
    const { db, file } = openDatabase(opts);
    this.file = file;
    this.#db = db;
    this.#sql = prepareStatements(db);
    const sql = this.#sql;
    this.#folds = new GroupCommit(db, (job: FoldMultiArgs) => foldParts(sql, job.model, job.batchId, job.parts, job.traceparent ?? null));
    this.#writer = new SqliteWriter({
      file,
      synchronous: opts.synchronous ?? 'FULL',
      busyTimeoutMs: opts.busyTimeoutMs ?? 5000,
    });
  }

  async putModel(name: string, spec: unknown): Promise<ModelRecord> {
    checkName('model name', name);
    const text = jsonText('spec', spec);
    return this.#run('store a model', () =>
      toModel(expectRow(this.#sql.putModel.get({ name, spec: text, now: nowIso() }))),
    );
  }

  async getModel(name: string): Promise<ModelRecord | null> {
    return this.#run('read a model', () => {
      const row = this.#sql.getModel.get(name);
      return row ? toModel(row) : null;
    });
  }

  async listModels(): Promise<ModelRecord[]> {
    return this.#run('list models', () => this.#sql.listModels.all().map(toModel));
  }

  async deleteModel(name: string): Promise<boolean> {
    return this.#run('delete a model', () => this.#sql.deleteModel.run(name).changes > 0);
  }

  async putReference(model: string, profile: Uint8Array, meta: unknown): Promise<void> {
    if (!(profile instanceof Uint8Array))
      throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'profile', 'not a Uint8Array');
    const text = jsonText('reference meta', meta ?? null);
    this.#run(
      'store a reference',
      () => this.#sql.putReference.run({ model, profile, meta: text, now: nowIso() }),
      model,
    );
  }

  async getReference(model: string): Promise<ReferenceRecord | null> {
    return this.#run('read a reference', () => {
      const row = this.#sql.getReference.get(model);
      return row ? toReference(row) : null;
    });
  }

  async putMonitor(monitor: NewMonitor): Promise<MonitorRecord> {
    checkName('monitor window', monitor.window);
    checkInteger('windowMs', monitor.windowMs, 1);
    checkName('monitor schedule', monitor.schedule);
    const drift =
      monitor.drift === undefined || monitor.drift === null ? null : jsonText('monitor drift', monitor.drift);
    const { model, window, windowMs, schedule } = monitor;
    const params = { model, window, windowMs, schedule, drift, now: nowIso() };
    return this.#run('store a monitor', () => toMonitor(expectRow(this.#sql.putMonitor.get(params))), model);
  }

  async getMonitor(model: string): Promise<MonitorRecord | null> {
    return this.#run('read a monitor', () => {
      const row = this.#sql.getMonitor.get(model);
      return row ? toMonitor(row) : null;
    });
  }

  async listMonitors(): Promise<MonitorRecord[]> {
    return this.#run('list monitors', () => this.#sql.listMonitors.all().map(toMonitor));
  }

  async foldBatch(args: FoldArgs): Promise<{ duplicate: boolean; window: WindowRecord }> {
    const { model, batchId, traceparent, ...part } = args;
    const { duplicate, windows } = await this.foldBatchMulti({ model, batchId, parts: [part], traceparent });
    // A duplicate reports the windows its first fold went to; prefer the one asked about.
    return { duplicate, window: windows.find((w) => w.start === args.windowStart) ?? windows[0] };
  }

  async foldBatchMulti(args: FoldMultiArgs): Promise<{ duplicate: boolean; windows: WindowRecord[] }> {
    checkName('model name', args.model);
    checkName('batch id', args.batchId);
    checkParts(args.parts);
    const traceparent = checkTraceparent(args.traceparent);
    if (!this.#db.open) throw createError('DRIFTGAUGE_ERR_STORE_CLOSED', 'fold a batch');
    const job = { model: args.model, batchId: args.batchId, parts: [...args.parts], traceparent };
    return this.#folds.submit(job).catch((err: unknown) => {
      throw storeError('fold a batch', err, args.model);
    });
  }

  async appendBatch(args: AppendArgs): Promise<AppendResult> {
    checkName('model name', args.model);
    checkName('batch id', args.batchId);
    checkAppendParts(args.parts);
    const traceparent = checkTraceparent(args.traceparent);
    if (!this.#db.open) throw createError('DRIFTGAUGE_ERR_STORE_CLOSED', 'append a batch');
    const transfer: ArrayBuffer[] = [];
    const parts = args.parts.map((p) => {
      const { bytes, buffer } = movable(p.delta);
      if (buffer) transfer.push(buffer);
      return { windowStart: p.windowStart, windowEnd: p.windowEnd, rows: p.rows, delta: bytes };
    });
    return this.#writer.run<AppendResult>({ op: 'append', args: { model: args.model, batchId: args.batchId, parts, traceparent } }, transfer);
  }

  async compactWindow(args: CompactArgs): Promise<boolean> {
    checkName('model name', args.model);
    checkInteger('windowStart', args.windowStart);
    checkInteger('version', args.version, 0);
    if (!Array.isArray(args.seqs) || args.seqs.length === 0) {
      throw createError('DRIFTGAUGE_ERR_STORE_ARGUMENT', 'seqs', 'a compaction merges at least one delta');
    }
    for (const seq of args.seqs) checkInteger('seq', seq, 1);
    checkBlobToPost('sketch', checkSketch(args.sketch));
    if (!this.#db.open) throw createError('DRIFTGAUGE_ERR_STORE_CLOSED', 'compact a window');
    const { bytes, buffer } = movable(args.sketch);
    const job = { ...args, seqs: [...args.seqs], sketch: bytes };
    return this.#writer.run<boolean>({ op: 'compact', args: job }, buffer ? [buffer] : []);
  }

  async getWindow(model: string, start: number): Promise<WindowRecord | null> {
    return this.#run('read a window', () => this.#db.transaction(() => readWindow(this.#sql, model, start))());
  }

  /**
   * Read on the writer thread, one blob per turn (commits go on in between):
   * the window and its deltas' counts, then each delta's sketch. A delta gone
   * by then was compacted meanwhile: read again. A record can miss what
   * `foldBatch` merged into the window's sketch meanwhile, never count
   * anything twice.
   */
  async getWindowInBackground(model: string, start: number, range: DeltaRange = {}): Promise<WindowSlice | null> {
    checkInteger('start', start);
    if (!this.#db.open) throw createError('DRIFTGAUGE_ERR_STORE_CLOSED', 'read a window');
    for (let attempt = 0; ; attempt++) {
      if (attempt === 3) return this.#readSlice(model, start, range);
      const head = await this.#writer.run<WindowRecord | null>({ op: 'read', args: { model, windowStart: start } });
      if (!head) return null;
      const slice = sliceDeltas(head, range);
      let torn = false;
      for (const d of slice.deltas) {
        const sketch = await this.#writer.run<Uint8Array | null>({ op: 'read', args: { model, windowStart: start, seq: d.seq } });
        if (!sketch) {
          torn = true;
          break;
        }
        d.sketch = sketch;
      }
      if (!torn) return slice;
    }
  }

  /**
   * The last resort of `getWindowInBackground` (three reads torn by
   * compactions): one transaction on this thread that reads the window's
   * head and only the run's delta sketches, so even this read is bounded by
   * the run, not by the window.
   */
  async #readSlice(model: string, start: number, range: DeltaRange): Promise<WindowSlice | null> {
    return this.#run('read a window', () =>
      this.#db.transaction(() => {
        const head = readWindowHead(this.#sql, model, start);
        if (!head) return null;
        const slice = sliceDeltas(head, range);
        for (const d of slice.deltas) d.sketch = expectRow(readDeltaSketch(this.#sql, model, start, d.seq) ?? undefined);
        return slice;
      })(),
    );
  }

  async listWindowSummaries(model: string, range: { from?: number; to?: number } = {}): Promise<WindowSummary[]> {
    const from = checkInteger('from', range.from ?? Number.MIN_SAFE_INTEGER);
    const to = checkInteger('to', range.to ?? Number.MAX_SAFE_INTEGER);
    // Heads and delta totals only (the covering index): no sketch is read.
    return this.#run('list windows', () =>
      this.#db.transaction(() =>
        this.#sql.listWindowHeads.all({ model, from, to }).map((row) => toSummary(row, expectRow(this.#sql.deltaTotals.get(model, row.start_ms)))),
      )(),
    );
  }

  async listWindows(model: string, range: { from?: number; to?: number } = {}): Promise<WindowRecord[]> {
    const from = checkInteger('from', range.from ?? Number.MIN_SAFE_INTEGER);
    const to = checkInteger('to', range.to ?? Number.MAX_SAFE_INTEGER);
    // One read transaction, so the windows and their deltas are one snapshot (not half a compaction).
    return this.#run('list windows', () =>
      this.#db.transaction(() =>
        this.#sql.listWindows.all({ model, from, to }).map((row) => toWindow(row, this.#sql.listDeltas.all(model, row.start_ms))),
      )(),
    );
  }

  async latestWindow(model: string): Promise<WindowRecord | null> {
    return this.#run('read a window', () =>
      this.#db.transaction(() => {
        const row = this.#sql.latestWindow.get(model);
        return row ? toWindow(row, this.#sql.listDeltas.all(model, row.start_ms)) : null;
      })(),
    );
  }

  async listBatchTraceparents(model: string, range: { from?: number; to?: number } = {}, limit?: number): Promise<string[]> {
    const from = checkInteger('from', range.from ?? Number.MIN_SAFE_INTEGER);
    const to = checkInteger('to', range.to ?? Number.MAX_SAFE_INTEGER);
    const params = { model, from, to, limit: traceparentLimit(limit) };
    return this.#run('list batch traces', () => this.#sql.listBatchTraceparents.all(params).map((r) => r.traceparent));
  }

  async pruneWindows(model: string, before: number): Promise<number> {
    checkInteger('before', before);
    return this.#run('prune windows', () => this.#sql.pruneWindows.run(model, before).changes);
  }

  async addReport(report: NewReport): Promise<ReportRecord> {
    const params = {
      model: report.model,
      createdAt: report.createdAt === undefined ? nowIso() : isoTime('createdAt', report.createdAt),
      windowStart: report.windowStart === null ? null : checkInteger('windowStart', report.windowStart),
      windowEnd: report.windowEnd === null ? null : checkInteger('windowEnd', report.windowEnd),
      trigger: checkTrigger(report.trigger),
      report: jsonText('report', report.report),
    };
    return this.#run('store a report', () => toReport(expectRow(this.#sql.addReport.get(params))), report.model);
  }

  async listReports(model: string, opts: ListReportsOptions = {}): Promise<ReportRecord[]> {
    const since = opts.since === undefined ? '' : isoTime('since', opts.since);
    const limit = reportLimit(opts.limit);
    return this.#run('list reports', () => this.#sql.listReports.all({ model, since, limit }).map(toReport));
  }

  async claimJob(key: string, owner: string, leaseMs: number, now: number = Date.now()): Promise<boolean> {
    checkName('job key', key);
    checkName('job owner', owner);
    checkInteger('leaseMs', leaseMs, 1);
    checkInteger('now', now);
    const params = { key, owner, now, expires: now + leaseMs };
    return this.#run('claim a job', () => this.#sql.claimJob.run(params).changes === 1);
  }

  async ping(): Promise<void> {
    this.#run('answer a ping', () => this.#sql.ping.get());
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    this.#folds.drain();
    await this.#writer.close();
    this.#db.close();
  }

  /** The connection's settings as SQLite reports them. */
  settings(): SqliteSettings {
    return this.#run('read settings', () => ({
      file: this.file,
      journalMode: String(this.#db.pragma('journal_mode', { simple: true })),
      synchronous: SYNCHRONOUS_NAMES[this.#db.pragma('synchronous', { simple: true }) as number],
      foreignKeys: this.#db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeoutMs: this.#db.pragma('busy_timeout', { simple: true }) as number,
      schemaVersion: this.#db.pragma('user_version', { simple: true }) as number,
    }));
  }

  /** Runs `fn`, translating SQLite failures of `op` into catalogued errors. */
  #run<T>(op: string, fn: () => T, model?: string): T {
    if (!this.#db.open) throw createError('DRIFTGAUGE_ERR_STORE_CLOSED', op);
    try {
      return fn();
    } catch (err) {
      throw storeError(op, err, model);
    }
  }
}

/**
 * `bytes` and the buffer to move when it owns its whole buffer; a view on
 * shared memory crosses as it is (the writer thread reads it before the
 * call settles: the caller must not change it until then); any other view
 * is copied (moving its buffer would detach its neighbours).
 */
function movable(bytes: Uint8Array): { bytes: Uint8Array; buffer: ArrayBuffer | null } {
  const buf = ownBuffer(bytes);
  if (buf) return { bytes, buffer: buf };
  if (bytes.buffer instanceof SharedArrayBuffer) return { bytes, buffer: null };
  return { bytes: Uint8Array.prototype.slice.call(bytes), buffer: null };
}

export type { SqliteStoreOptions, Synchronous };

/**
 * Opens (creating when missing) the store's SQLite file under `dataDir`.
 * @throws DRIFTGAUGE_ERR_STORE_OPEN when the directory or file cannot be
 *   opened, the file is not a database, or a newer driftgauge wrote it.
 * @example
 *   const store = openSqliteStore({ dataDir: process.env.DRIFTGAUGE_DATA_DIR ?? './data' });
 */
export function openSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(opts);
}

/** `w` with only the deltas of `range` (the others counted in `before` and `after`). */
function sliceDeltas(w: WindowRecord, range: DeltaRange): WindowSlice {
  const skip = Math.min(w.deltas.length, Math.max(0, range.skip ?? 0));
  const end = Math.min(w.deltas.length, skip + Math.max(0, range.max ?? Number.POSITIVE_INFINITY));
  return { ...w, deltas: w.deltas.slice(skip, end), before: skip, after: w.deltas.length - end };
}
