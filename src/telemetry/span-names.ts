/**
 * Span names of the ingest and evaluation paths, so every part of the
 * service names the same step the same way (docs/telemetry.md "Traces"):
 *
 *   POST /v1/models/{model}/batches ─┬─ worker.profile   (parent crosses into the piscina worker)
 *                                    │  ├─ arrow.decode
 *                                    │  └─ window.sketch
 *                                    └─ store.append     (window.fold for a batch before any reference)
 *   evaluation (scheduled: a root; on demand: the request's child; links → the batch spans of its window)
 *                                    ├─ compare ── worker.compare (in the worker)
 *                                    └─ publish
 *
 * Append only: names are what trace queries and dashboards use. `storeWrite` is reserved, unused.
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
  /** The durable append of a batch's window sketches (the store's writer thread), main-thread side. */
  storeAppend: 'store.append',
  /** In the worker, under worker.profile: the batch sketched per window and serialized. */
  windowSketch: 'window.sketch',
} as const;

/** Span attribute keys of our own (HTTP ones come from semantic conventions). */
export const SPAN_ATTR = {
  model: 'driftgauge.model',
  window: 'driftgauge.window',
  rows: 'driftgauge.rows',
  batchId: 'driftgauge.batch_id',
  linkedBatches: 'driftgauge.linked_batches',
  /** `schedule` or `manual`, on an evaluation span. */
  trigger: 'driftgauge.trigger',
} as const;
