/**
 * telemetry/'s public surface, by name (no `export *`): what http/, pool/,
 * schedule/ and the workers call. Everything else in this folder is internal.
 */

export type { HistogramBins } from './bulk-histogram.js';
export { contentTypeOf, negotiateExposition, OPENMETRICS_CONTENT_TYPE, TEXT_CONTENT_TYPE } from './content-negotiation.js';
export type { ExemplarFilter } from './exemplar-filter.js';
export { INSTRUMENTS } from './instruments.js';
export { binLatencies } from './latency-bins.js';
export { recordSpanError } from './span-error.js';
export { SPAN, SPAN_ATTR } from './span-names.js';
export {
  createTelemetry,
  DEFAULT_MAX_SERIES,
  type EvaluationSpanOptions,
  type MetricsPage,
  type Telemetry,
  type TelemetryOptions,
} from './telemetry.js';
export {
  contextFromCarrier,
  extractContext,
  type HeaderMap,
  injectToCarrier,
  MAX_SPAN_LINKS,
  spanLinksFrom,
  type TraceCarrier,
  traceparentOf,
} from './trace-context.js';
export type {
  BatchRecord,
  BatchStatus,
  EvaluationRecord,
  EvaluationReport,
  PoolStatsRecord,
  TelemetryLogger,
} from './types.js';
export { initWorkerTracing, inWorkerSpan, markSpanFailed, runInCarrierContext } from './worker-tracing.js';
