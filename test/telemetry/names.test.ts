import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/report.js';
import { INSTRUMENTS } from '../../src/telemetry/instruments.js';
import { prometheusName, prometheusUnit, sanitizeMetricName } from '../../src/telemetry/prometheus-names.js';
import type { EvaluationReport } from '../../src/telemetry/types.js';

/** CONTRACT.md, "Telemetry names": fixed, never renamed. */
const CONTRACT: Record<string, { type: string; labels: string[] }> = {
  driftgauge_feature_drift_score: { type: 'gauge', labels: ['model', 'feature', 'method'] },
  driftgauge_feature_drift_detected: { type: 'gauge', labels: ['model', 'feature', 'method'] },
  driftgauge_dataset_drift_share: { type: 'gauge', labels: ['model'] },
  driftgauge_model_metric: { type: 'gauge', labels: ['model', 'metric', 'window'] },
  driftgauge_batch_processing_seconds: { type: 'histogram', labels: ['model'] },
  driftgauge_model_prediction_latency_seconds: { type: 'histogram', labels: ['model'] },
  driftgauge_feature_drift_score_distribution: { type: 'histogram', labels: ['model', 'method'] },
  driftgauge_batches_total: { type: 'counter', labels: ['model', 'status'] },
  driftgauge_rows_total: { type: 'counter', labels: ['model'] },
  driftgauge_evaluations_total: { type: 'counter', labels: ['model', 'status'] },
};

/** Beyond CONTRACT.md's list, as fixed: the multivariate drift gauge (issue 5). */
const EXTENSIONS: Record<string, { type: string; labels: string[] }> = {
  driftgauge_multivariate_drift_score: { type: 'gauge', labels: ['model', 'method'] },
};

const HEALTH = [
  'driftgauge_pool_utilization',
  'driftgauge_pool_queue_length',
  'driftgauge_store_operation_seconds',
  'driftgauge_requests_rejected_total',
  'driftgauge_telemetry_series_dropped_total',
];

function exposedName(def: { name: string; unit: string; kind: 'counter' | 'gauge' | 'histogram' }): string {
  const { family } = prometheusName(def.name, def.unit, def.kind);
  return def.kind === 'counter' ? `${family}_total` : family;
}

describe('instrument names', () => {
  it('convert to exactly the CONTRACT.md names, types and labels', () => {
    const byName = new Map(Object.values(INSTRUMENTS).map((d) => [exposedName(d), d]));
    for (const [name, want] of Object.entries({ ...CONTRACT, ...EXTENSIONS })) {
      const def = byName.get(name);
      expect(def, name).toBeDefined();
      expect(def?.kind).toBe(want.type);
      expect(def?.labels).toEqual(want.labels);
    }
  });

  it('include the health instruments', () => {
    const names = Object.values(INSTRUMENTS).map(exposedName);
    for (const h of HEALTH) expect(names).toContain(h);
  });

  it('have a unit and a description; OTel names use dots; histograms have sorted buckets', () => {
    for (const def of Object.values(INSTRUMENTS)) {
      expect(def.description.length).toBeGreaterThan(10);
      expect(def.unit.length).toBeGreaterThan(0);
      expect(def.name).toMatch(/^driftgauge\.[a-z_.]+$/);
      if (def.kind === 'histogram') {
        const b = (def as { buckets: readonly number[] }).buckets;
        expect([...b].sort((x, y) => x - y)).toEqual([...b]);
      }
    }
  });

  it('follow the OTel → Prometheus conversion rules', () => {
    expect(prometheusName('http.server.duration', 'ms', 'histogram').family).toBe('http_server_duration_milliseconds');
    expect(prometheusName('queue.size', '1', 'gauge')).toEqual({ family: 'queue_size_ratio', unit: 'ratio' });
    expect(prometheusName('jobs.total', '{job}', 'counter').family).toBe('jobs');
    expect(prometheusName('io', 'By/s', 'gauge').family).toBe('io_bytes_per_seconds');
    expect(prometheusUnit('{annotation}', true)).toBe('');
    expect(sanitizeMetricName('9.bad-name é')).toBe('_9_bad_name_');
  });
});

describe('report shape', () => {
  it("is read structurally: engine's Report satisfies what telemetry needs", () => {
    const report = {
      mode: 'exact',
      reference: { rows: 1 },
      current: { rows: 1 },
      features: [],
      dataset: { features: 0, drifted: 0, share: 0, drift_share: 0.5, detected: false },
    } satisfies Report;
    const asTelemetry: EvaluationReport = report;
    expect(asTelemetry.dataset.share).toBe(0);
    const withMultivariate = { ...report, multivariate: { features: ['a', 'b'], pca_reconstruction: null, domain_classifier: null } } satisfies Report;
    expect((withMultivariate satisfies EvaluationReport).multivariate?.pca_reconstruction).toBeNull();
  });
});
