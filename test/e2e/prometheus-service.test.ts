/**
 * The real thing, as a user runs it: `driftgauge serve` on loopback and the
 * real Prometheus 2.42 (--enable-feature=exemplar-storage) scraping it.
 * Batches are posted with known traceparents; Prometheus then answers the
 * drift gauges and returns exemplars carrying those trace ids, and the
 * service's JSON log lines of those batches carry the same trace ids.
 *
 * Runs when `prometheus` is on PATH; under CI=true a missing binary fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from '../../src/demo/synthetic.js';
import { until as pollUntil } from '../helpers/until.js';
import { binaryForTest, freePort, missingBinaryMessage } from '../telemetry/helpers.js';
import { type ServerProcess, startServer } from './server-process.js';

const prometheusBin = binaryForTest('prometheus');
const SENT = ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2'];
const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 14);

let service: ServerProcess;
let prometheus: ChildProcess | undefined;
let promUrl = '';
let promLog = '';

const until = <T>(what: string, fn: () => Promise<T | undefined>) => pollUntil(what, fn, 30_000, () => `prometheus:\n${promLog.slice(-2000)}`);

async function api<T>(path: string): Promise<T> {
  const body = (await (await fetch(`${promUrl}${path}`)).json()) as { status: string; data: T; error?: string };
  if (body.status !== 'success') throw new Error(body.error);
  return body.data;
}

beforeAll(async () => {
  if (!prometheusBin.run) return;
  if (!prometheusBin.path) throw new Error(missingBinaryMessage('prometheus'));
  service = await startServer(mkdtempSync(join(tmpdir(), 'driftgauge-prom-')));
  const post = (path: string, method: string, body: Uint8Array | object, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, {
      method,
      headers: { 'content-type': body instanceof Uint8Array ? 'application/vnd.apache.arrow.stream' : 'application/json', ...headers },
      body: body instanceof Uint8Array ? body : JSON.stringify(body),
    });
  await post('/v1/models/credit', 'PUT', SYNTHETIC_SPEC);
  await post('/v1/models/credit/reference', 'PUT', syntheticArrow(syntheticBatch(3000, 1, 0, t0 - 24 * H)));
  for (const [i, id] of SENT.entries()) {
    const r = await post('/v1/models/credit/batches', 'POST', syntheticArrow(syntheticBatch(800, 10 + i, 0.7, t0)), { traceparent: `00-${id}-00f067aa0ba902b7-01` });
    expect(r.status).toBe(202);
  }
  const c = await post('/v1/models/credit/comparisons', 'POST', { window: { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() } });
  expect(c.status).toBe(200);

  const dir = mkdtempSync(join(tmpdir(), 'driftgauge-promdata-'));
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  const target = service.url.replace('http://', '');
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: driftgauge\n    metrics_path: /metrics\n    static_configs:\n      - targets: ['${target}']\n`,
  );
  prometheus = spawn(
    prometheusBin.path,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, '--enable-feature=exemplar-storage'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus.stdout?.on('data', (d) => (promLog += String(d)));
  prometheus.stderr?.on('data', (d) => (promLog += String(d)));
}, 90_000);

afterAll(async () => {
  prometheus?.kill('SIGKILL');
  if (service?.child.exitCode === null) service.child.kill('SIGKILL');
});

describe.runIf(prometheusBin.run)('Prometheus scraping driftgauge serve', () => {
  it('scrapes the target as OpenMetrics without errors', async () => {
    const up = await until('target up', async () => {
      const d = await api<{ activeTargets: { health: string; lastError: string }[] }>('/api/v1/targets');
      const t = d.activeTargets[0];
      return t?.health === 'up' ? t : undefined;
    });
    expect(up.lastError).toBe('');
  }, 60_000);

  it('answers the drift gauges with model, feature and method labels', async () => {
    const series = await until('drift score', async () => {
      const d = await api<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(
        `/api/v1/query?query=${encodeURIComponent('driftgauge_feature_drift_score{model="credit"}')}`,
      );
      return d.result.length > 0 ? d.result : undefined;
    });
    expect(series.map((s) => s.metric.feature).sort()).toEqual(['age', 'country', 'income', 'plan', 'tenure_months']);
    for (const s of series) expect(s.metric.method).toMatch(/^[a-z_]+$/);
  }, 60_000);

  it('returns exemplars whose trace ids are the ones sent in traceparent', async () => {
    const ids = await until('exemplars', async () => {
      const now = Date.now() / 1000;
      const d = await api<{ exemplars: { labels: Record<string, string> }[] }[]>(
        `/api/v1/query_exemplars?query=${encodeURIComponent('driftgauge_batch_processing_seconds_bucket{model="credit"}')}&start=${now - 600}&end=${now + 60}`,
      );
      const found = new Set(d.flatMap((s) => s.exemplars.map((e) => e.labels.trace_id)));
      return SENT.every((id) => found.has(id)) ? found : undefined;
    });
    for (const id of SENT) expect(ids.has(id)).toBe(true);
  }, 60_000);

  it('shows the prediction-latency histogram (from the latency column) with the batches\' trace ids as exemplars', async () => {
    const ids = await until('latency exemplars', async () => {
      const now = Date.now() / 1000;
      const d = await api<{ exemplars: { labels: Record<string, string> }[] }[]>(
        `/api/v1/query_exemplars?query=${encodeURIComponent('driftgauge_model_prediction_latency_seconds_bucket{model="credit"}')}&start=${now - 600}&end=${now + 60}`,
      );
      const found = new Set(d.flatMap((s) => s.exemplars.map((e) => e.labels.trace_id)));
      return SENT.some((id) => found.has(id)) ? found : undefined;
    });
    expect(SENT.some((id) => ids.has(id))).toBe(true);
    const count = await api<{ result: { value: [number, string] }[] }>(
      `/api/v1/query?query=${encodeURIComponent('driftgauge_model_prediction_latency_seconds_count{model="credit"}')}`,
    );
    expect(Number(count.result[0]?.value[1])).toBe(1600);
  }, 60_000);

  it('writes the batches\' log lines with the trace ids that were sent', () => {
    const lines = service.logs
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { trace_id?: string; url?: string; req?: { url: string } });
    for (const id of SENT) {
      const mine = lines.filter((l) => l.trace_id === id);
      expect(mine.length, `log lines of trace ${id}`).toBeGreaterThan(0);
    }
  });
});
