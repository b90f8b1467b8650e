/**
 * A comparison over a long range reads its windows a few at a time
 * (`windowsPerRead`), merging each run in a worker, and gives the same report,
 * bit for bit, as reading the whole range at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/service/runtime.js';
import type { WindowRecord } from '../../src/store/store.js';
import { ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from './harness.js';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 0);
const HOURS = 5;
const range = { start: new Date(t0).toISOString(), end: new Date(t0 + HOURS * H).toISOString() };

/** A runtime with the same history: a batch before the reference (kept raw), then batches in five hourly windows. */
async function withHistory(windowsPerRead?: number): Promise<Runtime> {
  const rt = await startRuntime({}, { windowsPerRead });
  const inject = (method: 'PUT' | 'POST', url: string, payload: Buffer | object) =>
    rt.app.inject({ method, url, headers: Buffer.isBuffer(payload) ? { 'content-type': ARROW_STREAM } : {}, payload: payload as Buffer });
  expect((await inject('PUT', '/v1/models/credit', SYNTHETIC_SPEC)).statusCode).toBeLessThan(300);
  expect((await inject('POST', '/v1/models/credit/batches', batchBytes(150, 40, 0.2, t0 + 2 * H))).statusCode).toBe(202);
  expect((await inject('PUT', '/v1/models/credit/reference', batchBytes(3000, 1, 0, t0 - 24 * H))).statusCode).toBe(200);
  for (let h = 0; h < HOURS; h++) {
    for (let b = 0; b < 2; b++) expect((await inject('POST', '/v1/models/credit/batches', batchBytes(200, 100 + 10 * h + b, 0.1 * h, t0 + h * H))).statusCode).toBe(202);
  }
  return rt;
}

let atOnce: Runtime;
let inRuns: Runtime;
beforeAll(async () => {
  atOnce = await withHistory();
  inRuns = await withHistory(2);
}, 60_000);
afterAll(async () => {
  await atOnce.close();
  await inRuns.close();
});

describe('a comparison over a long range', () => {
  it('reads at most windowsPerRead windows at a time and gives the report of reading them all at once', async () => {
    const reads: number[] = [];
    const listWindows = inRuns.store.listWindows.bind(inRuns.store);
    inRuns.store.listWindows = async (model, r): Promise<WindowRecord[]> => {
      const windows = await listWindows(model, r);
      reads.push(windows.length);
      return windows;
    };
    const compare = async (rt: Runtime) => {
      const r = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window: range } });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const whole = await compare(atOnce);
    expect(whole.current.rows).toBe(HOURS * 2 * 200 + 150);
    expect(await compare(inRuns)).toEqual(whole);
    expect(reads).toEqual([2, 2, 1]);
  });
});
