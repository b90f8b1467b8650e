/**
 * The service as a user runs it: a real `driftgauge serve` process on
 * loopback, real HTTP, a real SQLite file. An acknowledged batch survives
 * kill -9; SIGTERM finishes in-flight work and exits 0.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from '../../src/demo/synthetic.js';
import { type ServerProcess, startServer } from './server-process.js';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 12);
const window = { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() };
const running: ServerProcess[] = [];

afterEach(() => {
  for (const s of running.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
});

async function start(dataDir: string, env: Record<string, string> = {}) {
  const s = await startServer(dataDir, env);
  running.push(s);
  return s;
}

async function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const isBytes = body instanceof Uint8Array;
  const r = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': isBytes ? 'application/vnd.apache.arrow.stream' : 'application/json' }), ...headers },
    body: body === undefined ? undefined : isBytes ? body : JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> & { current?: { rows: number } } };
}

describe('driftgauge serve', () => {
  it('keeps an acknowledged batch, the model, the reference and the reports through kill -9', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-e2e-'));
    const a = await start(dataDir);
    expect((await call(`${a.url}/v1/models/credit`, 'PUT', SYNTHETIC_SPEC)).status).toBe(201);
    expect((await call(`${a.url}/v1/models/credit/reference`, 'PUT', syntheticArrow(syntheticBatch(2000, 1, 0, t0 - 24 * H)))).status).toBe(200);
    expect((await call(`${a.url}/v1/models/credit/batches`, 'POST', syntheticArrow(syntheticBatch(300, 2, 0.3, t0)))).status).toBe(202);
    expect((await call(`${a.url}/v1/models/credit/comparisons`, 'POST', { window })).json.current?.rows).toBe(300);
    const ack = await call(`${a.url}/v1/models/credit/batches`, 'POST', syntheticArrow(syntheticBatch(450, 3, 0.3, t0)));
    expect(ack.status).toBe(202);
    a.child.kill('SIGKILL');
    await a.exited;

    const b = await start(dataDir);
    expect((await call(`${b.url}/v1/models/credit`, 'GET')).status).toBe(200);
    const report = await call(`${b.url}/v1/models/credit/comparisons`, 'POST', { window });
    expect(report.status).toBe(200);
    expect(report.json.current?.rows).toBe(750);
    const history = await call(`${b.url}/v1/models/credit/reports`, 'GET');
    expect((history.json.reports as unknown[]).length).toBe(2);
  });

  it('finishes an in-flight batch on SIGTERM, then exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-e2e-'));
    const s = await start(dataDir);
    await call(`${s.url}/v1/models/credit`, 'PUT', SYNTHETIC_SPEC);
    await call(`${s.url}/v1/models/credit/reference`, 'PUT', syntheticArrow(syntheticBatch(2000, 1, 0, t0 - 24 * H)));
    const inflight = call(`${s.url}/v1/models/credit/batches`, 'POST', syntheticArrow(syntheticBatch(40_000, 4, 0.3, t0)));
    await new Promise((r) => setTimeout(r, 30));
    s.child.kill('SIGTERM');
    const r = await inflight;
    expect(r.status).toBe(202);
    expect(await s.exited).toBe(0);
    expect(s.logs.join('')).toContain('shutting down');

    const again = await start(dataDir);
    expect((await call(`${again.url}/v1/models/credit/comparisons`, 'POST', { window })).json.current?.rows).toBe(40_000);
  });

  it('refuses to start with a bad configuration value, naming it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'driftgauge-e2e-'));
    await expect(start(dataDir, { DRIFTGAUGE_POOL_SIZE: 'many' })).rejects.toThrow(/DRIFTGAUGE_ERR_CONFIG: configuration DRIFTGAUGE_POOL_SIZE must be an integer/);
  });
});
