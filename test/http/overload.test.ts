import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/service/runtime.js';
import { ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from './harness.js';

let rt: Runtime;
beforeAll(async () => {
  rt = await startRuntime({ DRIFTGAUGE_POOL_SIZE: '1', DRIFTGAUGE_QUEUE_PER_WORKER: '1' });
  await rt.app.inject({ method: 'PUT', url: '/v1/models/m', payload: SYNTHETIC_SPEC });
  await rt.app.inject({ method: 'PUT', url: '/v1/models/m/reference', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(2000, 1) });
});
afterAll(async () => {
  await rt.close();
});

describe('a full worker queue', () => {
  it('answers 503 with Retry-After instead of queueing without bound, and every accepted batch is folded', async () => {
    const body = batchBytes(20_000, 2, 0.2);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        rt.app.inject({ method: 'POST', url: '/v1/models/m/batches', headers: { 'content-type': ARROW_STREAM }, payload: body }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes).toContain(503);
    expect(codes).toContain(202);
    for (const r of responses.filter((x) => x.statusCode === 503)) {
      expect(r.json().code).toBe('DRIFTGAUGE_ERR_OVERLOADED');
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    const accepted = codes.filter((c) => c === 202).length;
    const t0 = Date.UTC(2026, 10, 25, 10);
    const report = await rt.app.inject({
      method: 'POST',
      url: '/v1/models/m/comparisons',
      payload: { window: { start: new Date(t0).toISOString(), end: new Date(t0 + 3_600_000).toISOString() } },
    });
    expect(report.json().current.rows).toBe(accepted * 20_000);
  });
});
