/**
 * What crosses into an ingest worker and back. Request bodies are pooled
 * shared memory (or moved, when not pooled), reference profiles are shared
 * (SharedArrayBuffer), plans are small JSON. Results are copied, never moved:
 * a worker that moves an ArrayBuffer out detaches it, which slows V8's
 * typed-array code in that worker for good (body-pool.ts); a batch's delta
 * comes back in the body's shared memory instead.
 */
import type { Report } from '../engine/report.js';
import type { ModelSpec } from '../engine/spec.js';
import type { Barrier } from './barrier.js';

export interface SharedProfile {
  id: string;
  /** The serialized profile in a SharedArrayBuffer: every worker reads the same bytes. */
  bytes: Uint8Array;
}

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

export type IngestTask =
  | { kind: 'reference'; bytes: Uint8Array; source: string; spec: ModelSpec; trace?: TraceCarrier }
  | {
      kind: 'batch';
      bytes: Uint8Array;
      /**
       * `bytes` is pooled shared memory that is this task's alone (body-pool.ts): the worker writes a
       * single-window batch's delta over it once the batch is sketched, so the delta comes back in the
       * same memory (no copy, nothing moved).
       */
      writeOverBody?: boolean;
      source: string;
      model: string;
      spec: ModelSpec;
      profile: SharedProfile | null;
      windowMs: number;
      arrivalMs: number;
      trace?: TraceCarrier;
    }
  | {
      kind: 'compact';
      profile: SharedProfile;
      /** The window's compacted blob (window-blob.ts; zero bytes when none). */
      base: Uint8Array;
      /** Delta blobs appended since, oldest first. */
      deltas: { seq: number; bytes: Uint8Array }[];
      trace?: TraceCarrier;
    }
  | {
      /** A long comparison range, read in runs of windows: the run's sketches merged into one (the first, the runs before). */
      kind: 'merge';
      profile: SharedProfile;
      sketches: Uint8Array[];
      trace?: TraceCarrier;
    }
  | {
      kind: 'compare';
      spec: ModelSpec;
      profile: SharedProfile;
      /** Serialized window sketches of this profile, merged in order. */
      sketches: Uint8Array[];
      /** Raw batches that arrived before the reference, sketched now (rows in [from, to) only). */
      pending: { bytes: Uint8Array; from: number; to: number }[];
      windowMs: number;
      trace?: TraceCarrier;
    };

/** Before the pool stops: the worker exports the spans it still holds (one such task per worker, `runOnEveryWorker`). */
export interface FlushTask {
  kind: 'flush';
  barrier: Barrier;
}

export interface ReferenceResult {
  profile: Uint8Array;
  id: string;
  rows: number;
  features: number;
}

export interface BatchPart {
  start: number;
  end: number;
  rows: number;
  /** The part's window sketch as a one-entry window blob (a delta for the store), or null without a reference. */
  delta: Uint8Array | null;
  /** Prediction latencies of the part's rows (seconds), when the spec names a latency column. */
  latencies?: Float64Array;
}

export interface BatchResult {
  rows: number;
  parts: BatchPart[];
  /** Without a reference: the request bytes, to keep as a pending batch. */
  raw: Uint8Array | null;
}

export interface CompactResult {
  /** The new compacted blob: the base with the merged deltas folded in. */
  sketch: Uint8Array;
  /** The deltas folded in; others (another profile's) stay deltas. */
  seqs: number[];
}

export interface MergeResult {
  /** The merged window sketch (window-codec.ts), as a comparison's `sketches` take it. */
  sketch: Uint8Array;
}

export interface CompareResult {
  report: Report;
  rows: number;
}
