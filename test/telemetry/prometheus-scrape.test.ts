/**
 * The real Prometheus (2.42, --enable-feature=exemplar-storage) scraping a
 * Telemetry instance served on loopback, with the shipped alert rules
 * loaded. Proves: the OpenMetrics exposition is accepted as a whole (one
 * bad line fails a scrape), exemplars arrive with the trace ids we sent
 * (and a later one replaces an earlier one, so timestamps went forward),
 * the drift gauges are queryable with their labels, the rules evaluate
 * without error against live data, and every dashboard query parses.
 *
 * Runs when `prometheus` is on PATH; under CI=true a missing binary fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelemetry, type Telemetry } from '../../src/telemetry/telemetry.js';
import { until as pollUntil } from '../helpers/until.js';
import { binaryForTest, freePort, missingBinaryMessage, reportOf } from './helpers.js';

const prometheusBin = binaryForTest('prometheus');
const rulesFile = fileURLToPath(new URL('../../deploy/prometheus/rules/driftgauge-alerts.yml', import.meta.url));
const dashboardFile = fileURLToPath(new URL('../../deploy/grafana/dashboards/driftgauge.json', import.meta.url));

/** Trace ids the "inference service" sends, one per batch. */
const SENT = ['11111111111111111111111111111111', '22222222222222222222222222222222', '33333333333333333333333333333333'];
const LATER = '44444444444444444444444444444444';
const tp = (traceId: string) => `00-${traceId}-00f067aa0ba902b7-01`;

let telemetry: Telemetry;
let server: Server;
let prometheus: ChildProcess | undefined;
let promUrl = '';
let dataDir = '';
let stderr = '';
const served: { accept: string | undefined; contentType: string }[] = [];

function batch(traceId: string, batchId: string, seconds: number) {
  const { span, ctx } = telemetry.startServerSpan('POST /v1/models/{model}/batches', { traceparent: tp(traceId) });
  telemetry.recordBatch({
    model: 'fraud',
    status: 'accepted',
    rows: 500,
    seconds,
    latencies: new Float64Array([0.004, 0.012, 0.3]),
    batchId,
    ctx,
  });
  span.end();
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${promUrl}${path}`);
  const body = (await res.json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
  return body.data;
}

/** Polls until a value comes, at most 20 s; a timeout shows Prometheus's stderr. */
const until = <T>(what: string, fn: () => Promise<T | undefined>) =>
  pollUntil(what, fn, 20_000, () => `prometheus stderr:\n${stderr.slice(-3000)}`);

interface ExemplarSeries {
  seriesLabels: Record<string, string>;
  exemplars: { labels: Record<string, string>; value: string; timestamp: number }[];
}

async function exemplarsOf(query: string): Promise<ExemplarSeries[]> {
  const now = Date.now() / 1000;
  return api<ExemplarSeries[]>(`/api/v1/query_exemplars?query=${encodeURIComponent(query)}&start=${now - 600}&end=${now + 60}`);
}

describe.runIf(prometheusBin.run)('real Prometheus scraping driftgauge telemetry', () => {
  beforeAll(async () => {
    if (!prometheusBin.path) throw new Error(missingBinaryMessage('prometheus'));
    telemetry = createTelemetry({ env: {} });
    for (const [i, id] of SENT.entries()) batch(id, `batch-${i}`, 0.03 + i * 0.3); // buckets 0.05, 0.5, 1
    const evaluation = telemetry.startEvaluationSpan({ model: 'fraud', window: '1h', batches: SENT.map(tp) });
    telemetry.recordEvaluation({
      model: 'fraud',
      window: '1h',
      status: 'ok',
      ctx: evaluation.ctx,
      report: reportOf([
        { name: 'age', method: 'wasserstein_normed', score: 0.31, detected: true },
        { name: 'country', method: 'jensen_shannon', score: 0.04, detected: false },
      ]),
    });
    evaluation.span.end();

    server = createServer((req, res) => {
      telemetry.renderMetrics(req.headers.accept).then(
        (page) => {
          served.push({ accept: req.headers.accept, contentType: page.contentType });
          res.writeHead(200, { 'content-type': page.contentType }).end(page.body);
        },
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
    const appPort = await freePort();
    await new Promise<void>((r) => server.listen(appPort, '127.0.0.1', r));

    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-prometheus-'));
    const config = join(dataDir, 'prometheus.yml');
    writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        '  evaluation_interval: 1s',
        'rule_files:',
        `  - ${JSON.stringify(rulesFile)}`,
        'scrape_configs:',
        '  - job_name: driftgauge',
        '    metrics_path: /metrics',
        '    static_configs:',
        `      - targets: ["127.0.0.1:${appPort}"]`,
        '',
      ].join('\n'),
    );
    prometheus = spawn(
      prometheusBin.path,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--enable-feature=exemplar-storage',
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    prometheus.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-20_000);
    });
    await until('Prometheus to be ready', async () => ((await fetch(`${promUrl}/-/ready`)).ok ? true : undefined));
  });

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((r) => prometheus?.once('exit', r));
      prometheus.kill('SIGTERM');
      const timer = setTimeout(() => prometheus?.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await telemetry?.shutdown();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('has the prometheus binary (CI=true requires it)', () => {
    expect(prometheusBin.path, missingBinaryMessage('prometheus')).not.toBeNull();
  });

  it('scrapes the target over OpenMetrics with no scrape error', async () => {
    const target = await until('the target to be up', async () => {
      const data = await api<{ activeTargets: { health: string; lastError: string }[] }>('/api/v1/targets');
      return data.activeTargets.find((t) => t.health === 'up');
    });
    expect(target.lastError).toBe('');
    expect(served.length).toBeGreaterThan(0);
    expect(served[0].accept).toContain('application/openmetrics-text');
    expect(served.every((s) => s.contentType.startsWith('application/openmetrics-text; version=1.0.0'))).toBe(true);
  });

  it('answers /api/v1/query with the drift gauges and their model, feature and method labels', async () => {
    const result = await until('driftgauge_feature_drift_score', async () => {
      const data = await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
        `/api/v1/query?query=${encodeURIComponent('driftgauge_feature_drift_score')}`,
      );
      return data.result.length === 2 ? data.result : undefined;
    });
    const age = result.find((r) => r.metric.feature === 'age');
    expect(age?.metric).toMatchObject({ model: 'fraud', feature: 'age', method: 'wasserstein_normed', job: 'driftgauge' });
    expect(Number(age?.value[1])).toBeCloseTo(0.31, 12);
    const detected = await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
      `/api/v1/query?query=${encodeURIComponent('driftgauge_feature_drift_detected == 1')}`,
    );
    expect(detected.result.map((r) => r.metric.feature)).toEqual(['age']);
    const share = await api<{ result: { value: [number, string] }[] }>(`/api/v1/query?query=driftgauge_dataset_drift_share`);
    expect(Number(share.result[0].value[1])).toBe(0.5);
  });

  it('answers /api/v1/query_exemplars with exemplars carrying the trace ids that were sent', async () => {
    const series = await until('batch processing exemplars', async () => {
      const s = await exemplarsOf('driftgauge_batch_processing_seconds_bucket');
      const ids = new Set(s.flatMap((x) => x.exemplars.map((e) => e.labels.trace_id)));
      return SENT.every((id) => ids.has(id)) ? s : undefined;
    });
    for (const s of series) {
      for (const e of s.exemplars) {
        expect(SENT).toContain(e.labels.trace_id);
        expect(e.labels.span_id).toMatch(/^[0-9a-f]{16}$/);
        expect(Number(e.value)).toBeLessThanOrEqual(s.seriesLabels.le === '+Inf' ? Infinity : Number(s.seriesLabels.le));
      }
    }
    const byBatch = series.flatMap((s) => s.exemplars).find((e) => e.labels.trace_id === SENT[1]);
    expect(byBatch?.labels.batch_id).toBe('batch-1');

    const counters = await exemplarsOf('driftgauge_batches_total');
    expect(SENT).toContain(counters[0]?.exemplars[0]?.labels.trace_id);
    const latency = await exemplarsOf('driftgauge_model_prediction_latency_seconds_bucket');
    expect(latency.length).toBe(3);
    const dist = await exemplarsOf('driftgauge_feature_drift_score_distribution_bucket');
    expect(dist.flatMap((s) => s.exemplars.map((e) => e.labels.feature)).sort()).toEqual(['age', 'country']);
  });

  it('takes a newer exemplar for the same bucket (timestamps move forward between scrapes)', async () => {
    batch(LATER, 'batch-later', 0.03);
    const seen = await until('the later exemplar', async () => {
      const s = await exemplarsOf('driftgauge_batch_processing_seconds_bucket{le="0.05"}');
      const ex = s.flatMap((x) => x.exemplars);
      return ex.some((e) => e.labels.trace_id === LATER) ? ex : undefined;
    });
    const first = seen.find((e) => e.labels.trace_id === SENT[0]);
    const later = seen.find((e) => e.labels.trace_id === LATER);
    expect(later?.timestamp ?? 0).toBeGreaterThan(first?.timestamp ?? Infinity);
    expect(stderr).not.toMatch(/out of order exemplar/i);
  });

  it('loads and evaluates the shipped alert rules against the live series without error', async () => {
    const groups = await until('every rule evaluated', async () => {
      const data = await api<{ groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] }>('/api/v1/rules');
      const rules = data.groups.flatMap((g) => g.rules);
      return rules.length > 0 && rules.every((r) => r.health === 'ok') ? data.groups : undefined;
    });
    expect(groups.map((g) => g.name).sort()).toEqual([
      'driftgauge-dataset-drift',
      'driftgauge-feature-drift',
      'driftgauge-ingest',
      'driftgauge-model-quality',
    ]);
    const alerts = await until('the feature drift alert to be pending', async () => {
      const data = await api<{ alerts: { labels: Record<string, string>; state: string }[] }>('/api/v1/alerts');
      return data.alerts.find((a) => a.labels.alertname === 'DriftgaugeFeatureDrift') ? data.alerts : undefined;
    });
    const drift = alerts.find((a) => a.labels.alertname === 'DriftgaugeFeatureDrift');
    expect(drift?.labels).toMatchObject({ model: 'fraud', feature: 'age', severity: 'warning' });
    expect(drift?.state).toBe('pending'); // `for: 15m` has not elapsed
  });

  it('parses and runs every query of the Grafana dashboard', async () => {
    const dash = JSON.parse(readFileSync(dashboardFile, 'utf8')) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = dash.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs) {
      const q = expr.replaceAll('$model', '.*').replaceAll('$__rate_interval', '1m');
      await expect(api(`/api/v1/query?query=${encodeURIComponent(q)}`), expr).resolves.toBeDefined();
    }
  });
});
