/**
 * Persistence behind one interface, so the embedded SQLite store
 * (`sqlite-store.ts`) and a shared store for several replicas (PostgreSQL,
 * later) are interchangeable. Every method returns a Promise even though
 * SQLite answers synchronously: the shared store will not.
 *
 * Conventions: timestamps that people read (`createdAt`, `updatedAt`) are
 * ISO 8601 strings in UTC (`Date#toISOString`); window bounds are epoch
 * milliseconds, half-open `[start, end)`. JSON values are stored as text and
 * come back as parsed copies; binary values come back as `Uint8Array`
 * (a Node `Buffer` from SQLite).
 *
 * Errors are catalogued (`src/errors.ts`): `DRIFTGAUGE_ERR_MODEL_NOT_FOUND`
 * when a record needs a model that does not exist, `DRIFTGAUGE_ERR_STORE_ARGUMENT`
 * for an argument the store refuses, `DRIFTGAUGE_ERR_WINDOW_CONFLICT`,
 * `DRIFTGAUGE_ERR_STORE_BUSY`, `DRIFTGAUGE_ERR_STORE_IO` and
 * `DRIFTGAUGE_ERR_STORE_CLOSED` for the store itself.
 */

/** A model: its name and its spec (CONTRACT.md "Model spec"). */
export interface ModelRecord {
  name: string;
  spec: unknown;
  createdAt: string;
  updatedAt: string;
}

/** How a model is watched: the window length and the cron schedule of comparisons. */
export interface MonitorRecord {
  model: string;
  /** The window as the user wrote it, e.g. `"1h"`. */
  window: string;
  windowMs: number;
  /** A cron expression, e.g. `"*\/5 * * * *"`. */
  schedule: string;
  /** Optional drift overrides (JSON). */
  drift?: unknown;
  updatedAt: string;
}

/**
 * One tumbling window of a model. Its data is `sketch` (the compacted
 * sketch) together with `deltas` (batch sketches appended since, not yet
 * compacted): a reader merges all of them. `rows` and `batches` count both.
 */
export interface WindowRecord {
  model: string;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  rows: number;
  batches: number;
  /** The compacted sketch (what `foldBatch` merges into); zero bytes while nothing was compacted. */
  sketch: Uint8Array;
  /** Changes with every write of `sketch`: `compactWindow` is refused when it moved on. */
  version: number;
  /** Batch sketches appended by `appendBatch` and not compacted yet, oldest first. */
  deltas: WindowDelta[];
  updatedAt: string;
}

/** Which of a window's deltas (oldest first) to read: `max` of them after the first `skip`. */
export interface DeltaRange {
  skip?: number;
  max?: number;
}

/** A window as `getWindowInBackground` reads it: `deltas` is the run asked for. */
export interface WindowSlice extends WindowRecord {
  /** The window's deltas before the run (skipped) and after it (not read). */
  before: number;
  after: number;
}

/** A batch sketch appended to a window by `appendBatch`. */
export interface WindowDelta {
  /** Increasing and never reused: the order of appends across the store. */
  seq: number;
  rows: number;
  batches: number;
  sketch: Uint8Array;
}

/** A window without its sketches (what an append reports). */
export interface WindowSummary {
  model: string;
  start: number;
  end: number;
  /** Rows and batches of the window, compacted and appended. */
  rows: number;
  batches: number;
  /** Deltas not compacted yet: when this grows, it is time for `compactWindow`. */
  deltaCount: number;
}

/** A report from the history. */
export interface ReportRecord {
  id: number;
  model: string;
  createdAt: string;
  windowStart: number | null;
  windowEnd: number | null;
  trigger: 'schedule' | 'manual';
  report: unknown;
}

/** A stored reference profile: an opaque blob (may be tens of MB) and small JSON metadata. */
export interface ReferenceRecord {
  profile: Uint8Array;
  meta: unknown;
  updatedAt: string;
}

/**
 * Folds a batch's delta into a window's sketch: `existing` is the stored
 * sketch, or `null` when the window is new. Runs inside the store's
 * transaction, so it must be synchronous and quick; when it throws, nothing
 * of the batch is written.
 */
export type MergeSketch = (existing: Uint8Array | null) => Uint8Array;

/** The part of a batch that falls in one window. */
export interface FoldPart {
  windowStart: number;
  windowEnd: number;
  rows: number;
  merge: MergeSketch;
}

/**
 * The W3C `traceparent` (version 00: `00-<32 hex>-<16 hex>-<2 hex>`) of the
 * span that ingested a batch, stored with its batch id so an evaluation can
 * link to it; `null` or absent when the batch was not traced.
 */
export type BatchTraceparent = string | null | undefined;

/** A batch whose rows all fall in one window. */
export interface FoldArgs extends FoldPart {
  model: string;
  batchId: string;
  traceparent?: BatchTraceparent;
}

/** A batch whose rows span several windows (at most one part per window). */
export interface FoldMultiArgs {
  model: string;
  batchId: string;
  parts: FoldPart[];
  traceparent?: BatchTraceparent;
}

/** The part of an appended batch that falls in one window: its own sketch, stored as is. */
export interface AppendPart {
  windowStart: number;
  windowEnd: number;
  rows: number;
  /** The part's sketch. Moved, not copied, when it owns its whole buffer: do not use it after the call. */
  delta: Uint8Array;
}

/** A batch to append (at most one part per window). */
export interface AppendArgs {
  model: string;
  batchId: string;
  parts: AppendPart[];
  traceparent?: BatchTraceparent;
}

/** Folds deltas into a window's compacted sketch: the result of merging `sketch` of `version` with the deltas `seqs`. */
export interface CompactArgs {
  model: string;
  windowStart: number;
  /** The `version` of the window whose `sketch` was merged. */
  version: number;
  /** The deltas merged (a subset of the window's deltas: deltas another reader cannot merge may stay). */
  seqs: number[];
  /** The merged sketch, which replaces the window's `sketch`. */
  sketch: Uint8Array;
}

/** Reports newest first; `since` is an ISO timestamp (inclusive); `limit` defaults to 50, at most 1000. */
export interface ListReportsOptions {
  since?: string;
  limit?: number;
}

/** A new report; `createdAt` defaults to now. */
export type NewReport = Omit<ReportRecord, 'id' | 'createdAt'> & { createdAt?: string };

/** A new or replaced monitor. */
export type NewMonitor = Omit<MonitorRecord, 'updatedAt'>;

/** Persistence for models, references, monitors, window sketches, reports and job leases. */
export interface Store {
  /** Creates or replaces a model's spec; `createdAt` survives a replacement. */
  putModel(name: string, spec: unknown): Promise<ModelRecord>;
  getModel(name: string): Promise<ModelRecord | null>;
  /** Every model, by name. */
  listModels(): Promise<ModelRecord[]>;
  /** Deletes the model with its reference, monitor, windows, batch ids and reports; false when there was none. */
  deleteModel(name: string): Promise<boolean>;

  /** Creates or replaces the model's reference profile. */
  putReference(model: string, profile: Uint8Array, meta: unknown): Promise<void>;
  getReference(model: string): Promise<ReferenceRecord | null>;

  /** Creates or replaces the model's monitor. */
  putMonitor(monitor: NewMonitor): Promise<MonitorRecord>;
  getMonitor(model: string): Promise<MonitorRecord | null>;
  /** Every monitor, by model name. */
  listMonitors(): Promise<MonitorRecord[]>;

  /**
   * Folds a batch into its window in one transaction: reads the sketch, calls
   * `merge`, writes the result, adds `rows` and one batch, and records
   * `batchId`. A batch id already recorded for the model is not folded again:
   * `{ duplicate: true }` with the window as it stands, and `merge` is not
   * called. Resolves once the commit is durable.
   */
  foldBatch(args: FoldArgs): Promise<{ duplicate: boolean; window: WindowRecord }>;
  /** `foldBatch` for a batch spanning several windows: all parts commit together or none does. */
  foldBatchMulti(args: FoldMultiArgs): Promise<{ duplicate: boolean; windows: WindowRecord[] }>;
  /**
   * The ingest path's fold: appends each part's sketch to its window as a
   * delta (creating the window when new), adds rows and one batch, and
   * records `batchId`, all parts in one transaction; nothing is read or
   * rewritten. A batch id already recorded for the model is not appended
   * again: `{ duplicate: true }` with the windows as they stand. Resolves
   * once the commit is durable. The deltas may be views on shared memory
   * (pooled request bodies): the store reads them, or copies them, before
   * the call settles, and keeps no reference after.
   */
  appendBatch(args: AppendArgs): Promise<{ duplicate: boolean; windows: WindowSummary[] }>;
  /**
   * Replaces the window's compacted sketch with `sketch` and deletes the
   * deltas `seqs`, in one durable transaction, moving their rows and batches
   * to the compacted counts. Refused (false, nothing written) when the
   * window's `version` is no longer `version` or one of the deltas is gone:
   * the caller merged something that changed meanwhile.
   */
  compactWindow(args: CompactArgs): Promise<boolean>;
  getWindow(model: string, start: number): Promise<WindowRecord | null>;
  /**
   * `getWindow` for background work (compaction reads megabytes): the same
   * record, read where it does not hold up request handling (SQLite: on the
   * writer thread, between its commits). With `range`, `deltas` holds only
   * the run `[skip, skip + max)` of the window's deltas (oldest first), so
   * what one compaction holds in memory is bounded however far it fell behind.
   */
  getWindowInBackground(model: string, start: number, range?: DeltaRange): Promise<WindowSlice | null>;
  /** The windows overlapping `[from, to)` without their sketches, oldest first (how many deltas each holds). */
  listWindowSummaries(model: string, range: { from?: number; to?: number }): Promise<WindowSummary[]>;
  /** Windows overlapping `[from, to)`, oldest first; an absent bound is open. */
  listWindows(model: string, range: { from?: number; to?: number }): Promise<WindowRecord[]>;
  /** The window with the latest start, or null. */
  latestWindow(model: string): Promise<WindowRecord | null>;
  /**
   * The `traceparent`s stored with the batches of the model's windows that
   * lie within `[from, to)` (start ≥ from, end ≤ to; an absent bound is
   * open), newest first: the latest window first, and in a window the latest
   * fold first. Untraced batches are skipped. At most `limit` (default 128,
   * the span link limit; at most 1000): the read stops there, however many
   * batches the windows hold.
   */
  listBatchTraceparents(model: string, range: { from?: number; to?: number }, limit?: number): Promise<string[]>;
  /** Deletes the model's windows that end at or before `before` (retention), with their batch ids; returns how many. */
  pruneWindows(model: string, before: number): Promise<number>;

  addReport(report: NewReport): Promise<ReportRecord>;
  /** Newest first (by `createdAt`, then id). */
  listReports(model: string, opts?: ListReportsOptions): Promise<ReportRecord[]>;

  /**
   * Takes or renews the lease on a job so that, of several replicas sharing
   * the store, one runs it: true when `owner` holds the lease until
   * `now + leaseMs`. Refused while another owner's lease is unexpired.
   */
  claimJob(key: string, owner: string, leaseMs: number, now?: number): Promise<boolean>;

  /** Resolves when the store answers a query (for `/readyz`). */
  ping(): Promise<void>;
  /** Closes the store; later calls fail with `DRIFTGAUGE_ERR_STORE_CLOSED`. Closing twice is harmless. */
  close(): Promise<void>;
}
