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

/** One tumbling window of a model: the merged sketch of every batch folded into it. */
export interface WindowRecord {
  model: string;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  rows: number;
  batches: number;
  sketch: Uint8Array;
  updatedAt: string;
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

/** A batch whose rows all fall in one window. */
export interface FoldArgs extends FoldPart {
  model: string;
  batchId: string;
}

/** A batch whose rows span several windows (at most one part per window). */
export interface FoldMultiArgs {
  model: string;
  batchId: string;
  parts: FoldPart[];
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
  getWindow(model: string, start: number): Promise<WindowRecord | null>;
  /** Windows overlapping `[from, to)`, oldest first; an absent bound is open. */
  listWindows(model: string, range: { from?: number; to?: number }): Promise<WindowRecord[]>;
  /** The window with the latest start, or null. */
  latestWindow(model: string): Promise<WindowRecord | null>;
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
