/**
 * Span names of the ingest and evaluation paths, so every part of the
 * service names the same step the same way:
 *
 *   POST /v1/models/{model}/batches ─┬─ arrow.decode
 *                                    ├─ worker.profile   (parent crosses into the piscina worker)
 *                                    ├─ window.fold
 *                                    └─ store.write
 *   evaluation (scheduled, links → the batch spans of its window)
 *                                    ├─ compare          (worker.compare per task in the workers)
 *                                    └─ publish
 */
export const SPAN = {
  ingestRequest: 'POST /v1/models/{model}/batches',
  arrowDecode: 'arrow.decode',
  workerProfile: 'worker.profile',
  windowFold: 'window.fold',
  storeWrite: 'store.write',
  evaluation: 'evaluation',
  compare: 'compare',
  workerCompare: 'worker.compare',
  publish: 'publish',
} as const;

/** Span attribute keys of our own (HTTP ones come from semantic conventions). */
export const SPAN_ATTR = {
  model: 'driftgauge.model',
  window: 'driftgauge.window',
  rows: 'driftgauge.rows',
  batchId: 'driftgauge.batch_id',
  linkedBatches: 'driftgauge.linked_batches',
} as const;
