/**
 * What the service hands to telemetry/: the records of a batch and of an
 * evaluation, and the small logger telemetry writes its own warnings to.
 * The report type is structural (only the fields telemetry reads), so
 * telemetry/ does not import engine/; engine's `Report` satisfies it.
 */
import type { Context } from '@opentelemetry/api';
import type { HistogramBins } from './bulk-histogram.js';

/** Outcome of one POSTed batch: `accepted` once folded, else why it was not. */
export type BatchStatus = 'accepted' | 'rejected' | 'error';

/** One batch, recorded once it is acknowledged or refused. */
export interface BatchRecord {
  model: string;
  status: BatchStatus;
  /** Rows in the batch (0 when it could not be decoded). */
  rows: number;
  /** Wall time from request start to acknowledgement, in seconds. */
  seconds: number;
  /** Prediction latencies in seconds, from the spec's `latency` column; NaN entries are skipped. */
  latencies?: Float64Array;
  /**
   * The same column binned in the worker that decoded it (`binLatencies`):
   * the main thread then merges 15 buckets instead of reading every row.
   * Use one of `latencies` and `latencyBins`.
   */
  latencyBins?: HistogramBins;
  /** Goes on exemplars as a filtered attribute (never a label). */
  batchId?: string;
  /** The context of the batch's span; defaults to the active context. */
  ctx?: Context;
}

/** The drift verdict of one feature, as in CONTRACT.md's report. */
export interface FeatureDriftLike {
  method: string;
  score: number;
  detected: boolean;
}

/** The fields of a CONTRACT.md report that telemetry publishes. */
export interface EvaluationReport {
  features: readonly { name: string; drift: FeatureDriftLike | null }[];
  dataset: { share: number; drift_share?: number };
  /** The multivariate section: `pca_reconstruction` and `domain_classifier`, each null when it failed. */
  multivariate?: Record<string, unknown>;
  model?: { current: Record<string, unknown> };
}

/** One evaluation (scheduled or on demand), recorded when it ends. */
export interface EvaluationRecord {
  model: string;
  /** Absent when the evaluation failed before producing a report. */
  report?: EvaluationReport;
  /**
   * The window length it covered, e.g. `"1h"`: a label, so never a
   * timestamp range (that would be a new series per evaluation).
   */
  window: string;
  status: 'ok' | 'error';
  /** Wall time of the evaluation in seconds (recorded on the span only). */
  seconds?: number;
  ctx?: Context;
}

/** The pool's health, sampled by the service (e.g. once per second or per task). */
export interface PoolStatsRecord {
  /** 0..1, piscina's `utilization`. */
  utilization: number;
  /** Tasks waiting for a worker. */
  queued: number;
}

/** The part of a pino logger telemetry uses. */
export interface TelemetryLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}
