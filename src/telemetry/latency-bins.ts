/**
 * For the worker that decodes a batch: bins the spec's `latency` column
 * against driftgauge_model_prediction_latency_seconds' buckets, so the
 * task result carries 2 × 15 numbers instead of the column, and the main
 * thread's recordBatch({ latencyBins }) merges them in O(buckets).
 *
 *   worker:  result.latencyBins = binLatencies(latencyColumn.values)
 *   main:    telemetry.recordBatch({ …, latencyBins: result.latencyBins, ctx })
 *
 * Pure: no OTel state, safe in any thread.
 */
import { binValues, type HistogramBins } from './bulk-histogram.js';
import { INSTRUMENTS } from './instruments.js';

/** Bins prediction latencies in seconds (NaN, negative and infinite values skipped). */
export function binLatencies(values: ArrayLike<number>): HistogramBins {
  return binValues(INSTRUMENTS.predictionLatency.buckets, values);
}
