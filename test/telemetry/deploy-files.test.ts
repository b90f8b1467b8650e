import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTS } from '../../src/telemetry/instruments.js';
import { prometheusName } from '../../src/telemetry/prometheus-names.js';

const read = (p: string) => readFileSync(new URL(`../../deploy/${p}`, import.meta.url), 'utf8');

interface Target {
  expr: string;
  exemplar?: boolean;
  refId: string;
  datasource?: { uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: Target[];
  options?: Record<string, unknown>;
}
const dashboard = JSON.parse(read('grafana/dashboards/driftgauge.json')) as {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown; current?: { value: unknown } }[] };
};
const targets = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, ...t })));

/** Every series name driftgauge exposes, with histogram and counter sample suffixes. */
const EXPOSED = new Set(
  Object.values(INSTRUMENTS).flatMap((d) => {
    const { family } = prometheusName(d.name, d.unit, d.kind);
    if (d.kind === 'counter') return [`${family}_total`];
    if (d.kind === 'histogram') return [`${family}_bucket`, `${family}_sum`, `${family}_count`];
    return [family];
  }),
);

describe('Grafana dashboard', () => {
  it('is a dashboard Grafana provisions: uid, title, schemaVersion, unique panel ids, grid positions', () => {
    expect(dashboard.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(dashboard.title).toContain('driftgauge');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) {
      expect(p.gridPos.w).toBeGreaterThan(0);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      // An alert list reads alert rules, not series: it has options, no targets.
      if (p.type !== 'row' && p.type !== 'alertlist') expect(p.targets?.length, p.title).toBeGreaterThan(0);
    }
  });

  it('lists driftgauge\'s firing and pending alerts in an alertlist panel over the provisioned Prometheus', () => {
    const lists = dashboard.panels.filter((p) => p.type === 'alertlist');
    expect(lists.length).toBe(1);
    const o = lists[0].options as { datasource: string; alertName: string; stateFilter: Record<string, boolean>; groupBy: string[] };
    const provisioned = [...read('grafana/provisioning/datasources/datasources.yml').matchAll(/- name: (\S+)\n\s+type: prometheus/g)].map((m) => m[1]);
    expect(provisioned).toContain(o.datasource);
    const rules = read('prometheus/rules/driftgauge-alerts.yml');
    const names = [...rules.matchAll(/- alert: (\S+)/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.startsWith(o.alertName), n).toBe(true);
    expect(o.stateFilter).toMatchObject({ firing: true, pending: true });
    expect(o.groupBy).toEqual(['model']);
  });

  it('has a model variable used by the drift panels, and a Prometheus datasource variable', () => {
    const vars = Object.fromEntries(dashboard.templating.list.map((v) => [v.name, v]));
    expect(vars.model.type).toBe('query');
    expect(JSON.stringify(vars.model.query)).toContain('label_values(driftgauge_batches_total, model)');
    expect(vars.datasource.type).toBe('datasource');
    expect(vars.datasource.current?.value).toBe('driftgauge-prometheus');
    for (const t of targets) if (t.expr.includes('driftgauge_feature_drift_score')) expect(t.expr).toContain('model=~"$model"');
  });

  it('shows the drift score per feature, dataset drift share, model metrics, throughput and latency', () => {
    const exprs = targets.map((t) => t.expr).join('\n');
    for (const name of [
      'driftgauge_feature_drift_score{',
      'driftgauge_dataset_drift_share{',
      'driftgauge_model_metric{',
      'driftgauge_batches_total{',
      'driftgauge_batch_processing_seconds_bucket{',
      'driftgauge_model_prediction_latency_seconds_bucket{',
    ]) {
      expect(exprs).toContain(name);
    }
  });

  it('asks for exemplars on every query over a counter or histogram bucket with exemplars, and only there', () => {
    for (const t of targets) {
      const withExemplars = /driftgauge_\w+(_bucket|_total)\b/.test(t.expr) && !t.expr.includes('series_dropped');
      expect(t.exemplar ?? false, `${t.panel} ${t.refId}`).toBe(withExemplars);
    }
    const drift = targets.filter((t) => t.panel === 'Drift score per feature');
    expect(drift.some((t) => t.exemplar && t.expr.includes('driftgauge_feature_drift_score_distribution_bucket'))).toBe(true);
  });

  it('queries only series driftgauge exposes (or the recording rules)', () => {
    for (const t of targets) {
      for (const m of t.expr.matchAll(/\b(driftgauge_[a-z_]+)\b/g)) expect(EXPOSED.has(m[1]), `${t.panel}: ${m[1]}`).toBe(true);
      for (const m of t.expr.matchAll(/\b(driftgauge:[a-z_]+)\b/g)) expect(read('prometheus/rules/driftgauge-alerts.yml')).toContain(`record: ${m[1]}`);
    }
  });
});

describe('Grafana provisioning', () => {
  const datasources = read('grafana/provisioning/datasources/datasources.yml');
  it('links Prometheus exemplars by trace_id to a tracing datasource defined beside it', () => {
    expect(datasources).toMatch(/^apiVersion: 1$/m);
    expect(datasources).toMatch(/type: prometheus\n\s+uid: driftgauge-prometheus/);
    const dest = /exemplarTraceIdDestinations:\n(?:\s+#.*\n)?\s+- name: trace_id\n\s+datasourceUid: ([\w-]+)/.exec(datasources);
    expect(dest?.[1]).toBe('driftgauge-traces');
    expect(datasources).toMatch(/type: (tempo|jaeger)\n\s+uid: driftgauge-traces/);
  });

  it('loads the dashboards directory', () => {
    const providers = read('grafana/provisioning/dashboards/dashboards.yml');
    expect(providers).toMatch(/^apiVersion: 1$/m);
    expect(providers).toMatch(/type: file/);
    expect(providers).toMatch(/path: \/var\/lib\/grafana\/dashboards\/driftgauge/);
  });
});

describe('Prometheus config and rules', () => {
  it('scrapes driftgauge on localhost:8080 /metrics and loads the alert rules (not the test file)', () => {
    const cfg = read('prometheus/prometheus.yml');
    expect(cfg).toMatch(/job_name: driftgauge/);
    expect(cfg).toMatch(/metrics_path: \/metrics/);
    expect(cfg).toContain('"localhost:8080"');
    expect(cfg).toMatch(/rule_files:\n\s+- rules\/driftgauge-alerts\.yml\n/);
  });

  it('has the four drift alerts, each with severity, a description and a three-step runbook', () => {
    const rules = read('prometheus/rules/driftgauge-alerts.yml');
    const blocks = rules.split(/\n\s+- alert: /).slice(1);
    const names = blocks.map((b) => b.split('\n')[0]);
    for (const a of ['DriftgaugeFeatureDrift', 'DriftgaugeDatasetDrift', 'DriftgaugeModelMetricBelowFloor', 'DriftgaugeNoBatches']) {
      expect(names).toContain(a);
    }
    for (const b of blocks) {
      expect(b).toMatch(/severity: (warning|critical)/);
      expect(b).toMatch(/description: /);
      expect(b).toMatch(/runbook: "1\. .* 2\. .* 3\. /);
    }
    expect(blocks.find((b) => b.startsWith('DriftgaugeFeatureDrift'))).toMatch(/by \(model, feature, method\)/);
  });
});
