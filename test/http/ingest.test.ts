import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/arrow/write-table.js';
import type { Runtime } from '../../src/service/runtime.js';
import { ARROW_FILE, ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from './harness.js';

let rt: Runtime;
const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 10);

beforeAll(async () => {
  rt = await startRuntime({ DRIFTGAUGE_BODY_LIMIT: '2MiB' });
  await rt.app.inject({ method: 'PUT', url: '/v1/models/credit', payload: SYNTHETIC_SPEC });
});
afterAll(async () => {
  await rt.close();
});

const post = (model: string, body: Buffer, headers: Record<string, string> = {}) =>
  rt.app.inject({ method: 'POST', url: `/v1/models/${model}/batches`, headers: { 'content-type': ARROW_STREAM, ...headers }, payload: body });

describe('reference and batches', () => {
  it('accepts a batch before the reference exists and says comparisons have no reference (409)', async () => {
    const r = await post('credit', batchBytes(500, 11, 0.5, t0));
    expect(r.statusCode).toBe(202);
    expect(r.json()).toMatchObject({ rows: 500, duplicate: false, window: { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() } });
    const c = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window: { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() } } });
    expect(c.statusCode).toBe(409);
    expect(c.json().code).toBe('DRIFTGAUGE_ERR_NO_REFERENCE');
  });

  it('profiles a reference (Arrow file format)', async () => {
    const r = await rt.app.inject({ method: 'PUT', url: '/v1/models/credit/reference', headers: { 'content-type': ARROW_FILE }, payload: batchBytes(3000, 1, 0, t0 - 24 * H, 'file') });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ model: 'credit', rows: 3000, features: 5 });
  });

  it('folds batches (plain and gzip) and compares the window, counting the batch that came before the reference', async () => {
    expect((await post('credit', batchBytes(700, 12, 0.5, t0))).statusCode).toBe(202);
    const gz = await post('credit', gzipSync(batchBytes(800, 13, 0.5, t0)), { 'content-encoding': 'gzip' });
    expect(gz.statusCode).toBe(202);
    expect(gz.json().rows).toBe(800);
    const c = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window: { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() } } });
    expect(c.statusCode).toBe(200);
    const report = c.json();
    expect(report.mode).toBe('sketch');
    expect(report.current.rows).toBe(2000);
    expect(report.reference.rows).toBe(3000);
    expect(report.features.map((f: { name: string }) => f.name)).toEqual(['age', 'income', 'tenure_months', 'country', 'plan']);
    expect(report.dataset.detected).toBe(true);
    expect(report.model.task).toBe('binary');
    const history = await rt.app.inject({ url: '/v1/models/credit/reports?limit=5' });
    expect(history.json().reports[0].report.current.rows).toBe(2000);
  });

  it('folds a retried batch with the same Idempotency-Key once', async () => {
    const bytes = batchBytes(100, 14, 0, t0 + 2 * H);
    const a = await post('credit', bytes, { 'idempotency-key': 'batch-42' });
    const b = await post('credit', bytes, { 'idempotency-key': 'batch-42' });
    expect(a.json()).toMatchObject({ batch_id: 'batch-42', duplicate: false });
    expect(b.json()).toMatchObject({ batch_id: 'batch-42', duplicate: true });
    const c = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window: { start: new Date(t0 + 2 * H).toISOString(), end: new Date(t0 + 3 * H).toISOString() } } });
    expect(c.json().current.rows).toBe(100);
  });

  it('reads batch bodies into pooled memory that the worker moves back for the next body', async () => {
    const before = rt.service.bodies.stats();
    const bodies = [21, 22, 23, 24].map((seed) => batchBytes(400, seed, 0, t0 + 3 * H));
    for (const body of bodies) expect((await post('credit', body)).statusCode).toBe(202);
    const after = rt.service.bodies.stats();
    // Sequential requests of one size class: at most one new buffer, then the same one again and again.
    expect(after.allocated - before.allocated).toBeLessThanOrEqual(1);
    expect(after.reused - before.reused).toBeGreaterThanOrEqual(3);
    expect(after.idleBytes).toBeGreaterThan(0);
    const compare = async (at: number) =>
      (await rt.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window: { start: new Date(at).toISOString(), end: new Date(at + H).toISOString() } } })).json();
    const sequential = await compare(t0 + 3 * H);
    expect(sequential.current.rows).toBe(1600);
    // The same rows into another window, all four bodies in flight at once (buffers lent, moved, reused
    // concurrently): the same statistics, so no body was read after its memory went to another.
    const concurrent = [21, 22, 23, 24].map((seed) => batchBytes(400, seed, 0, t0 + 8 * H));
    expect((await Promise.all(concurrent.map((b) => post('credit', b)))).map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
    // (Batches fold in another order here: sums may differ in their last bits, so 9 significant digits.)
    const round = (v: unknown): unknown =>
      typeof v === 'number' ? Number(v.toPrecision(9)) : Array.isArray(v) ? v.map(round) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)])) : v;
    expect(round((await compare(t0 + 8 * H)).features)).toEqual(round(sequential.features));
  });

  it('splits a batch whose rows span two windows', async () => {
    const cols = { age: [30, 40], income: Float64Array.of(1e4, 2e4), tenure_months: Int32Array.of(1, 2), country: ['DE', 'FR'], plan: ['free', 'pro'], label: Int8Array.of(0, 1), pred: Int8Array.of(0, 1), proba: Float64Array.of(0.2, 0.8), latency: Float64Array.of(0.01, 0.02), ts: Float64Array.of(t0 + 5 * H + 10, t0 + 6 * H + 10) };
    const r = await post('credit', Buffer.from(writeTable(cols, { format: 'stream' })));
    expect(r.statusCode).toBe(202);
    expect(r.json().windows.map((w: { rows: number }) => w.rows)).toEqual([1, 1]);
  });
});

describe('bad input', () => {
  it('415 for a wrong content type', async () => {
    const r = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/batches', headers: { 'content-type': 'text/csv' }, payload: 'a,b\n1,2\n' });
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 for a body over the limit, also after gzip decoding', async () => {
    const big = Buffer.alloc(3 * 2 ** 20, 7);
    const r = await post('credit', big);
    expect(r.statusCode).toBe(413);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_BODY_TOO_LARGE');
    const bomb = await post('credit', gzipSync(big), { 'content-encoding': 'gzip' });
    expect(bomb.statusCode).toBe(413);
  });

  it('400 for bytes that are not Arrow, truncated Arrow, or a broken gzip stream', async () => {
    const notArrow = await post('credit', Buffer.from('{"rows": []}'));
    expect(notArrow.statusCode).toBe(400);
    expect(notArrow.json().code).toBe('DRIFTGAUGE_ERR_ARROW_INVALID');
    const bytes = batchBytes(200, 15, 0, t0);
    const cut = await post('credit', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(cut.statusCode).toBe(400);
    expect(cut.json().code).toBe('DRIFTGAUGE_ERR_ARROW_TRUNCATED');
    const badGzip = await post('credit', Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(badGzip.statusCode).toBe(400);
  });

  it('422 naming the columns that do not match the model', async () => {
    const r = await post('credit', Buffer.from(writeTable({ age: ['old', 'young'], income: Float64Array.of(1, 2) }, { format: 'stream' })));
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_SCHEMA_MISMATCH');
    expect(r.json().message).toContain("feature 'age' is utf8");
    expect(r.json().message).toContain("feature 'country' is missing");
  });

  it('404 for a batch to an unknown model', async () => {
    const r = await post('nope', batchBytes(10, 16));
    expect(r.statusCode).toBe(404);
  });

  it('409 for a comparison of a window without batches', async () => {
    const r = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window: { start: '2020-01-01T00:00:00Z', end: '2020-01-01T01:00:00Z' } } });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('DRIFTGAUGE_ERR_NO_WINDOW_DATA');
  });

  it('400 for an invalid cron schedule or window, and a valid monitor is stored', async () => {
    const cron = await rt.app.inject({ method: 'PUT', url: '/v1/models/credit/monitor', payload: { window: '1h', schedule: 'every five minutes' } });
    expect(cron.statusCode).toBe(400);
    expect(cron.json().code).toBe('DRIFTGAUGE_ERR_INVALID_CRON');
    const win = await rt.app.inject({ method: 'PUT', url: '/v1/models/credit/monitor', payload: { window: '1 hour', schedule: '*/5 * * * *' } });
    expect(win.statusCode).toBe(400);
    expect(win.json().code).toBe('DRIFTGAUGE_ERR_INVALID_WINDOW');
    const ok = await rt.app.inject({ method: 'PUT', url: '/v1/models/credit/monitor', payload: { window: '1h', schedule: '*/5 * * * *' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ window: '1h', window_ms: H, schedule: '*/5 * * * *' });
    expect(typeof ok.json().next_run).toBe('string');
  });

  it('keeps serving after all of the above', async () => {
    expect((await rt.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});
