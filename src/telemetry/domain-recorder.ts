/**
 * The service's vocabulary → instrument records. One exemplar decision per
 * call (the filter reads the context once), shared by every measurement of
 * that call; with always_off no context, clock or attribute object is touched.
 *
 *   recordBatch      → batches_total{model,status}, rows_total{model},
 *                      batch_processing_seconds{model}, model_prediction_latency_seconds{model}
 *   recordEvaluation → evaluations_total{model,status}, feature_drift_score / _detected
 *                      {model,feature,method}, feature_drift_score_distribution{model,method}
 *                      (exemplar: feature), dataset_drift_share(_threshold){model},
 *                      model_metric{model,metric,window}, multivariate_drift_score{model,method}
 */
import type { Context } from '@opentelemetry/api';
import { multivariateGaugePoints } from '../multivariate/multivariate-gauges.js';
import type { FilteredAttributes } from './exemplar.js';
import type { ExemplarSampler } from './exemplar-filter.js';
import type { Instruments } from './instrument-set.js';
import type { ExemplarClock } from './monotonic-clock.js';
import type { BatchRecord, EvaluationRecord, PoolStatsRecord } from './types.js';

/** Records batches, evaluations and service health on the instruments, with one exemplar decision per call. */
export class DomainRecorder {
  readonly #i: Instruments;
  readonly #sampler: ExemplarSampler;
  readonly #clock: ExemplarClock;

  constructor(instruments: Instruments, sampler: ExemplarSampler, clock: ExemplarClock) {
    this.#i = instruments;
    this.#sampler = sampler;
    this.#clock = clock;
  }

  recordBatch(b: BatchRecord): void {
    const i = this.#i;
    const span = this.#sampler.enabled ? this.#sampler.admit(b.ctx) : null;
    const t = span === null ? 0 : this.#clock.now();
    const filtered: FilteredAttributes | null = span !== null && b.batchId !== undefined ? { batch_id: b.batchId } : null;
    const batches = i.batches.series(b.model, b.status);
    if (batches) i.batches.record(batches, 1, span, t, filtered);
    if (b.status === 'accepted' && b.rows > 0) {
      const rows = i.rows.series(b.model);
      if (rows) i.rows.record(rows, b.rows, span, t, filtered);
    }
    const processing = i.batchProcessing.series(b.model);
    if (processing) i.batchProcessing.record(processing, b.seconds, span, t, filtered);
    if (b.latencies !== undefined && b.latencies.length > 0) {
      const latency = i.predictionLatency.series(b.model);
      if (latency) i.predictionLatency.recordMany(latency, b.latencies, span, t, filtered);
    } else if (b.latencyBins !== undefined && b.latencyBins.count > 0) {
      const latency = i.predictionLatency.series(b.model);
      if (latency) i.predictionLatency.recordBins(latency, b.latencyBins, span, t, filtered);
    }
  }

  recordEvaluation(e: EvaluationRecord): void {
    const i = this.#i;
    const span = this.#sampler.enabled ? this.#sampler.admit(e.ctx) : null;
    const t = span === null ? 0 : this.#clock.now();
    const evaluations = i.evaluations.series(e.model, e.status);
    if (evaluations) i.evaluations.record(evaluations, 1, span, t, null);
    const report = e.report;
    if (!report) return;
    for (const f of report.features) {
      const d = f.drift;
      if (d === null || d === undefined) continue;
      const feature: FilteredAttributes | null = span === null ? null : { feature: f.name };
      const score = i.featureDriftScore.series(e.model, f.name, d.method);
      if (score) i.featureDriftScore.record(score, d.score, span, t, null);
      const detected = i.featureDriftDetected.series(e.model, f.name, d.method);
      if (detected) i.featureDriftDetected.record(detected, d.detected ? 1 : 0, span, t, null);
      const dist = i.featureDriftScoreDistribution.series(e.model, d.method);
      if (dist) i.featureDriftScoreDistribution.record(dist, d.score, span, t, feature);
    }
    const share = i.datasetDriftShare.series(e.model);
    if (share) i.datasetDriftShare.record(share, report.dataset.share, span, t, null);
    if (typeof report.dataset.drift_share === 'number') {
      const threshold = i.datasetDriftShareThreshold.series(e.model);
      if (threshold) i.datasetDriftShareThreshold.record(threshold, report.dataset.drift_share, null, 0, null);
    }
    if (report.multivariate) {
      // A method that failed (an error entry) publishes nothing: its series keeps its last value, as a feature's does.
      for (const p of multivariateGaugePoints(report.multivariate)) {
        const s = i.multivariateDriftScore.series(e.model, p.method);
        if (s) i.multivariateDriftScore.record(s, p.score, span, t, null);
      }
    }
    const current = report.model?.current;
    if (current) {
      for (const [metric, value] of Object.entries(current)) {
        if (metric === 'rows' || typeof value !== 'number' || !Number.isFinite(value)) continue;
        const s = i.modelMetric.series(e.model, metric, e.window);
        if (s) i.modelMetric.record(s, value, span, t, null);
      }
    }
  }

  recordRejected(reason: string, ctx?: Context): void {
    const span = this.#sampler.enabled ? this.#sampler.admit(ctx) : null;
    const s = this.#i.requestsRejected.series(reason);
    if (s) this.#i.requestsRejected.record(s, 1, span, span === null ? 0 : this.#clock.now(), null);
  }

  setPoolStats(stats: PoolStatsRecord): void {
    const u = this.#i.poolUtilization.series();
    if (u) this.#i.poolUtilization.record(u, stats.utilization, null, 0, null);
    const q = this.#i.poolQueueLength.series();
    if (q) this.#i.poolQueueLength.record(q, stats.queued, null, 0, null);
  }

  recordStoreOp(op: string, seconds: number, ctx?: Context): void {
    const span = this.#sampler.enabled ? this.#sampler.admit(ctx) : null;
    const s = this.#i.storeOperation.series(op);
    if (s) this.#i.storeOperation.record(s, seconds, span, span === null ? 0 : this.#clock.now(), null);
  }
}
