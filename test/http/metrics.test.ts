import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/service/runtime.js';
import { STORE_OPS } from '../../src/store/timed-store.js';
import { ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from './harness.js';

let rt: Runtime;
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
beforeAll(async () => {
  rt = await startRuntime();
  await rt.app.inject({ method: 'PUT', url: '/v1/models/tm', payload: SYNTHETIC_SPEC });
  await rt.app.inject({ method: 'PUT', url: '/v1/models/tm/reference', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(2000, 1) });
});
afterAll(async () => {
  await rt.close();
});

describe('GET /metrics on the service', () => {
  it('counts batches and rows, times them, and carries the batch trace as an exemplar (OpenMetrics)', async () => {
    const t0 = Date.UTC(2026, 10, 25, 10);
    const r = await rt.app.inject({
      method: 'POST',
      url: '/v1/models/tm/batches',
      headers: { 'content-type': ARROW_STREAM, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      payload: batchBytes(500, 2, 0.5, t0),
    });
    expect(r.statusCode).toBe(202);
    await rt.app.inject({ method: 'POST', url: '/v1/models/tm/comparisons', payload: { window: { start: new Date(t0).toISOString(), end: new Date(t0 + 3_600_000).toISOString() } } });
    const m = await rt.app.inject({ url: '/metrics', headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
    expect(m.statusCode).toBe(200);
    expect(m.headers['content-type']).toContain('application/openmetrics-text');
    const body = m.body;
    expect(body).toMatch(/driftgauge_batches_total\{model="tm",status="accepted"\} 1/);
    expect(body).toMatch(/driftgauge_rows_total\{model="tm"\} 500/);
    expect(body).toMatch(new RegExp(`driftgauge_batch_processing_seconds_bucket\\{[^}]*model="tm"[^}]*\\} \\d+ # \\{[^}]*trace_id="${traceId}"`));
    expect(body).toMatch(/driftgauge_feature_drift_score\{model="tm",feature="age",method="[a-z_]+"\} /);
    expect(body).toMatch(/driftgauge_dataset_drift_share\{model="tm"\} /);
    expect(body).toMatch(/driftgauge_model_metric\{model="tm",metric="roc_auc",window="1h"\} 0\.\d+/);
    expect(body).toMatch(/driftgauge_evaluations_total\{model="tm",status="ok"\} 1/);
    expect(body).toMatch(/driftgauge_model_prediction_latency_seconds_bucket\{/);
    for (const line of body.split('\n')) if (/^driftgauge_[a-z_]+(\{[^}]*\})? /.test(line) && line.includes(' # {')) expect(line).toMatch(/(_total|_bucket)\{/);
    expect(body.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('times the store operations of a batch and a comparison, by operation, with the request trace as exemplar', async () => {
    const m = await rt.app.inject({ url: '/metrics', headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
    for (const op of ['appendBatch', 'getModel', 'getMonitor', 'listWindows', 'listBatchTraceparents', 'addReport', 'putReference']) {
      expect(m.body).toMatch(new RegExp(`driftgauge_store_operation_seconds_count\\{op="${op}"\\} [1-9]`));
    }
    expect(m.body).toMatch(new RegExp(`driftgauge_store_operation_seconds_bucket\\{op="appendBatch",le="[^"]+"\\} \\d+ # \\{[^}]*trace_id="${traceId}"`));
    // Every op label is a Store method name: a bounded set.
    const ops = new Set([...m.body.matchAll(/driftgauge_store_operation_seconds_count\{op="([^"]+)"\}/g)].map((x) => x[1]));
    for (const op of ops) expect(STORE_OPS).toContain(op);
  });

  it('serves Prometheus text without exemplars to a plain scraper', async () => {
    const m = await rt.app.inject({ url: '/metrics' });
    expect(m.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(m.body).not.toContain('# {');
    expect(m.body).toContain('driftgauge_batches_total');
  });

  it('ignores a malformed traceparent (new root), never an error', async () => {
    const r = await rt.app.inject({ method: 'POST', url: '/v1/models/tm/batches', headers: { 'content-type': ARROW_STREAM, traceparent: 'garbage' }, payload: batchBytes(10, 3) });
    expect(r.statusCode).toBe(202);
  });
});
