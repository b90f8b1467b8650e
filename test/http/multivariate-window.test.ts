/**
 * Multivariate drift in window (sketch) reports, through the service: a
 * correlation that flips sign with unchanged marginals is caught by both
 * multivariate methods and by no univariate test; two samples of one
 * distribution are left alone; the section is reproducible, follows the
 * spec's switch, and its gauge reaches /metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/arrow/write-table.js';
import { mulberry32 } from '../../src/demo/synthetic.js';
import type { Runtime } from '../../src/service/runtime.js';
import { ARROW_STREAM, startRuntime } from './harness.js';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 10);
const window = { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() };
const SPEC = {
  columns: {
    x: { role: 'feature', kind: 'numerical' },
    y: { role: 'feature', kind: 'numerical' },
    ts: { role: 'timestamp' },
  },
};

/** x, y standard normal with correlation rho; a few rows with y missing (left out of the samples). */
function correlated(n: number, seed: number, rho: number, startMs: number): Buffer {
  const r = mulberry32(seed);
  const g = () => Math.sqrt(-2 * Math.log(r() || 1e-300)) * Math.cos(2 * Math.PI * r());
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const ts = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = g();
    y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * g();
    if (i % 97 === 5) y[i] = Number.NaN;
    ts[i] = startMs + ((i * 7919) % H);
  }
  return Buffer.from(writeTable({ x, y, ts }, { format: 'stream' }));
}

let rt: Runtime;
const put = (url: string, payload: unknown, headers: Record<string, string> = {}) => rt.app.inject({ method: 'PUT', url, payload: payload as string, headers });
const post = (model: string, body: Buffer) =>
  rt.app.inject({ method: 'POST', url: `/v1/models/${model}/batches`, headers: { 'content-type': ARROW_STREAM }, payload: body });
const compare = (model: string) => rt.app.inject({ method: 'POST', url: `/v1/models/${model}/comparisons`, payload: { window } });

beforeAll(async () => {
  rt = await startRuntime();
  for (const [model, rho, seed] of [
    ['flip', -0.8, 100],
    ['same', 0.8, 200],
  ] as const) {
    expect((await put(`/v1/models/${model}`, SPEC)).statusCode).toBeLessThan(300);
    const ref = await put(`/v1/models/${model}/reference`, correlated(4000, 1, 0.8, t0 - 24 * H), { 'content-type': ARROW_STREAM });
    expect(ref.statusCode).toBe(200);
    // 10 batches: the store compacts the window's deltas on the way (every 8)
    for (let b = 0; b < 10; b++) expect((await post(model, correlated(400, seed + b, rho, t0))).statusCode).toBe(202);
  }
});
afterAll(async () => {
  await rt?.close();
});

describe('window reports: multivariate drift', () => {
  it('catches a flipped correlation that no univariate test sees', async () => {
    const c = await compare('flip');
    expect(c.statusCode).toBe(200);
    const report = c.json();
    expect(report.mode).toBe('sketch');
    for (const f of report.features) expect(f.drift.detected, f.name).toBe(false);
    expect(Object.keys(report)).toEqual(['mode', 'reference', 'current', 'features', 'dataset', 'multivariate', 'window']);
    const mv = report.multivariate;
    expect(mv.errors).toBeUndefined();
    expect(mv.features).toEqual(['x', 'y']);
    expect(mv.pca_reconstruction.detected).toBe(true);
    expect(mv.domain_classifier.detected).toBe(true);
    expect(mv.domain_classifier.roc_auc).toBeGreaterThan(0.7);
    // the classifier saw the window's complete rows (its sample: 4,000 rows, less those with y missing)
    expect(mv.domain_classifier.rows).toBeGreaterThan(3900);
    expect(mv.domain_classifier.rows).toBeLessThan(4000);
  });

  it('stays quiet on two samples of one distribution', async () => {
    const report = (await compare('same')).json();
    expect(report.multivariate.pca_reconstruction.detected).toBe(false);
    expect(report.multivariate.domain_classifier.detected).toBe(false);
  });

  it('gives the same section again for the same window and seed', async () => {
    const a = (await compare('flip')).json();
    const b = (await compare('flip')).json();
    expect(b.multivariate).toEqual(a.multivariate);
  });

  it('publishes driftgauge_multivariate_drift_score{model,method}', async () => {
    const m = await rt.app.inject({ url: '/metrics' });
    expect(m.body).toMatch(/^driftgauge_multivariate_drift_score\{model="flip",method="domain_classifier"\} 0\.\d+$/m);
    expect(m.body).toMatch(/^driftgauge_multivariate_drift_score\{model="flip",method="pca_reconstruction"\} \d/m);
    expect(m.body).toMatch(/^driftgauge_multivariate_drift_score\{model="same",method="domain_classifier"\} 0\.\d+$/m);
  });

  it('is left out when the spec says "multivariate": false', async () => {
    expect((await put('/v1/models/same', { ...SPEC, multivariate: false })).statusCode).toBeLessThan(300);
    const report = (await compare('same')).json();
    expect(report.multivariate).toBeUndefined();
    expect(report.features).toHaveLength(2);
  });
});
