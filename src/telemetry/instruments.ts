/**
 * Every instrument driftgauge publishes: OTel name, kind, unit, description,
 * labels, histogram buckets. CONTRACT.md ("Telemetry names") fixes the
 * Prometheus names; OTel names are chosen so that the standard OTel →
 * Prometheus conversion (dots to underscores, unit suffix, `_total` on
 * counters) yields exactly those names, whichever path the data takes
 * (our /metrics, or OTLP through a collector's Prometheus exporter).
 * Dimensionless instruments carry curly-brace annotation units (`{score}`)
 * because unit `1` would make the conversion append `_ratio`.
 */

export type InstrumentKind = 'counter' | 'gauge' | 'histogram';

/** The definition of one instrument. */
export interface InstrumentDef {
  readonly name: string;
  readonly kind: InstrumentKind;
  readonly unit: string;
  readonly description: string;
  /** Label names, in the order the record path passes values (at most three). */
  readonly labels: readonly string[];
  /** Explicit bucket upper bounds (inclusive), histograms only. */
  readonly buckets?: readonly number[];
  /** Recorded many values per call outside the SDK's per-value path (see bulk-histogram.ts). */
  readonly bulk?: boolean;
}

/** Batch and request durations, 1 ms to 30 s. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;
/** Prediction latencies, 0.5 ms to 10 s. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Store operations, 0.1 ms to 1 s. */
const STORE_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] as const;
/**
 * Drift scores: distances (PSI, Jensen-Shannon, normed Wasserstein, L∞; thresholds
 * near 0.1) and p-values (KS, chi²; threshold 0.05) share one scale, split by `method`.
 */
const SCORE_BUCKETS = [0.001, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 2.5, 5, 10] as const;

/** The catalogue: CONTRACT.md's instruments, the health instruments, and the series-dropped counter. */
export const INSTRUMENTS = {
  featureDriftScore: {
    name: 'driftgauge.feature.drift_score',
    kind: 'gauge',
    unit: '{score}',
    description: 'Drift score of a feature in the last evaluation: the statistic of its drift method (a distance, or a p-value for ks and chi2).',
    labels: ['model', 'feature', 'method'],
  },
  featureDriftDetected: {
    name: 'driftgauge.feature.drift_detected',
    kind: 'gauge',
    unit: '{bool}',
    description: 'Whether the last evaluation detected drift on a feature: 1 detected, 0 not.',
    labels: ['model', 'feature', 'method'],
  },
  multivariateDriftScore: {
    name: 'driftgauge.multivariate.drift_score',
    kind: 'gauge',
    unit: '{score}',
    description:
      'Multivariate drift score in the last evaluation, by method: pca_reconstruction (mean reconstruction error of the current rows) or domain_classifier (held-out ROC AUC).',
    labels: ['model', 'method'],
  },
  datasetDriftShare: {
    name: 'driftgauge.dataset.drift_share',
    kind: 'gauge',
    unit: '{share}',
    description: 'Share of features with drift detected in the last evaluation (0..1).',
    labels: ['model'],
  },
  datasetDriftShareThreshold: {
    name: 'driftgauge.dataset.drift_share_threshold',
    kind: 'gauge',
    unit: '{share}',
    description: "The model spec's drift_share: dataset drift is detected when the drift share reaches it.",
    labels: ['model'],
  },
  modelMetric: {
    name: 'driftgauge.model.metric',
    kind: 'gauge',
    unit: '{value}',
    description: 'A model quality metric (accuracy, f1, roc_auc, rmse, ...) on the current window in the last evaluation.',
    labels: ['model', 'metric', 'window'],
  },
  batchProcessing: {
    name: 'driftgauge.batch.processing',
    kind: 'histogram',
    unit: 's',
    description: 'Time from receiving a batch to acknowledging it (decode, profile, fold, store).',
    labels: ['model'],
    buckets: DURATION_BUCKETS,
  },
  predictionLatency: {
    name: 'driftgauge.model.prediction_latency',
    kind: 'histogram',
    unit: 's',
    description: "Prediction latency reported by the inference service in the spec's latency column, one observation per row.",
    labels: ['model'],
    buckets: LATENCY_BUCKETS,
    bulk: true,
  },
  featureDriftScoreDistribution: {
    name: 'driftgauge.feature.drift_score_distribution',
    kind: 'histogram',
    unit: '{score}',
    description: 'Drift scores of all features, one observation per feature per evaluation; exemplars name the feature.',
    labels: ['model', 'method'],
    buckets: SCORE_BUCKETS,
  },
  batches: {
    name: 'driftgauge.batches',
    kind: 'counter',
    unit: '{batch}',
    description: 'Batches received, by outcome (accepted, rejected, error).',
    labels: ['model', 'status'],
  },
  rows: {
    name: 'driftgauge.rows',
    kind: 'counter',
    unit: '{row}',
    description: 'Rows in accepted batches.',
    labels: ['model'],
  },
  evaluations: {
    name: 'driftgauge.evaluations',
    kind: 'counter',
    unit: '{evaluation}',
    description: 'Drift evaluations run, by outcome (ok, error).',
    labels: ['model', 'status'],
  },
  poolUtilization: {
    name: 'driftgauge.pool.utilization',
    kind: 'gauge',
    unit: '{utilization}',
    description: 'Share of worker pool capacity in use (0..1), time-weighted over the last few seconds.',
    labels: [],
  },
  poolQueueLength: {
    name: 'driftgauge.pool.queue_length',
    kind: 'gauge',
    unit: '{task}',
    description: 'Tasks waiting for a worker.',
    labels: [],
  },
  storeOperation: {
    name: 'driftgauge.store.operation',
    kind: 'histogram',
    unit: 's',
    description: 'Duration of store operations, by operation.',
    labels: ['op'],
    buckets: STORE_BUCKETS,
  },
  requestsRejected: {
    name: 'driftgauge.requests.rejected',
    kind: 'counter',
    unit: '{request}',
    description: 'Requests refused before any work, by reason (an error code or overload).',
    labels: ['reason'],
  },
  seriesDropped: {
    name: 'driftgauge.telemetry.series_dropped',
    kind: 'counter',
    unit: '{measurement}',
    description: 'Measurements dropped because their instrument reached the series cap (a new label set beyond it).',
    labels: ['instrument'],
  },
} as const satisfies Record<string, InstrumentDef>;

/** A catalogue key (`featureDriftScore`, `batches`, ...). */
export type InstrumentKey = keyof typeof INSTRUMENTS;
