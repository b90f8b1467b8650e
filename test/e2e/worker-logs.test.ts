/**
 * Log lines written inside piscina workers carry the trace ids of the
 * request that sent the task (issue: "inside piscina workers from the
 * propagated context"), and evaluations log inside their span (on-demand:
 * the request's trace; scheduled: the evaluation's own root), read from a
 * live `driftgauge serve`'s JSON log.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../../src/arrow/write-table.js';
import { SYNTHETIC_SPEC, syntheticArrow, syntheticBatch } from '../../src/demo/synthetic.js';
import { until } from '../helpers/until.js';
import { type ServerProcess, startServer } from './server-process.js';

const GOOD = '0af7651916cd43dd8448eb211c80319c';
const MANUAL = '5c3e0a1e2f4b6d8a9c0b1d2e3f405162';
const BAD = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = 'b7ad6b7169203331';
const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 9);

interface LogLine {
  component?: string;
  level: number;
  msg: string;
  task?: string;
  code?: string;
  trace_id?: string;
  trigger?: string;
  model?: string;
  span_id?: string;
  thread?: number;
}

let service: ServerProcess;

function lines(): LogLine[] {
  return service.logs
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

async function send(path: string, method: string, body: Uint8Array | object, headers: Record<string, string> = {}) {
  return fetch(`${service.url}${path}`, {
    method,
    headers: { 'content-type': body instanceof Uint8Array ? 'application/vnd.apache.arrow.stream' : 'application/json', ...headers },
    body: body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  service = await startServer(mkdtempSync(join(tmpdir(), 'driftgauge-wlog-')), { LOG_LEVEL: 'debug', DRIFTGAUGE_POOL_SIZE: '2' });
  expect((await send('/v1/models/credit', 'PUT', SYNTHETIC_SPEC)).ok).toBe(true);
  expect((await send('/v1/models/credit/reference', 'PUT', syntheticArrow(syntheticBatch(2000, 1, 0, t0 - 24 * H)))).ok).toBe(true);
  const ok = await send('/v1/models/credit/batches', 'POST', syntheticArrow(syntheticBatch(500, 2, 0, t0)), { traceparent: `00-${GOOD}-${PARENT}-01` });
  expect(ok.status).toBe(202);
  // A batch without the spec's columns: the worker refuses it (422).
  const bad = await send('/v1/models/credit/batches', 'POST', writeTable({ unknown: Float64Array.from([1, 2, 3]) }), {
    traceparent: `00-${BAD}-${PARENT}-01`,
  });
  expect(bad.status).toBe(422);
  // Rows in the window holding now, for the scheduled evaluation (every second) to find.
  const now = await send('/v1/models/credit/batches', 'POST', syntheticArrow(syntheticBatch(500, 4, 0, Date.now() - 5_000, 1_000)));
  expect(now.status).toBe(202);
  const manual = await send('/v1/models/credit/comparisons', 'POST', { window: { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() } }, {
    traceparent: `00-${MANUAL}-${PARENT}-01`,
  });
  expect(manual.status).toBe(200);
  expect((await send('/v1/models/credit/monitor', 'PUT', { window: '1h', schedule: '* * * * * *' })).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  if (service?.child.exitCode === null) {
    service.child.kill('SIGTERM');
    await service.exited;
  }
});

describe('worker thread logs', () => {
  it("carry the sending request's trace id on the lines of its batch task", async () => {
    const mine = await until('a worker line of the batch', () => {
      const found = lines().filter((l) => l.component === 'worker' && l.trace_id === GOOD);
      return found.length > 0 ? found : undefined;
    }, 10_000, () => service.logs.join('').slice(-3000));
    expect(mine.some((l) => l.task === 'batch' && l.msg === 'batch task done')).toBe(true);
    for (const l of mine) {
      expect(l.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(l.thread).toBeGreaterThan(0);
    }
    // The request's own lines (main thread) carry the same trace id.
    expect(lines().some((l) => l.component === undefined && l.trace_id === GOOD)).toBe(true);
  });

  it("log a refused task as a warning with its code, under the request's trace id", async () => {
    const warn = await until('the worker warning of the refused batch', () => {
      return lines().find((l) => l.component === 'worker' && l.trace_id === BAD && l.level === 40);
    }, 10_000, () => service.logs.join('').slice(-3000));
    expect(warn.task).toBe('batch');
    expect(warn.code).toMatch(/^DRIFTGAUGE_ERR_/);
    expect(warn.msg).toContain('batch task failed');
  });

  it("log an on-demand evaluation under the request's trace, and a scheduled one under its own", async () => {
    const manual = await until('the manual evaluation line', () => lines().find((l) => l.trigger === 'manual' && l.model === 'credit'), 10_000);
    expect(manual.trace_id).toBe(MANUAL);
    expect(manual.msg).toBe('evaluation of model credit done (manual)');
    const scheduled = await until('a scheduled evaluation line', () => lines().find((l) => l.trigger === 'schedule' && l.level === 30), 20_000, () =>
      service.logs.join('').slice(-3000),
    );
    expect(scheduled.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(scheduled.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect([GOOD, BAD, MANUAL]).not.toContain(scheduled.trace_id);
  });

  it('write whole JSON lines (no worker line interleaved with a main-thread line)', () => {
    const text = service.logs.join('');
    for (const l of text.split('\n').filter((s) => s.trim() !== '')) expect(() => JSON.parse(l), l.slice(0, 200)).not.toThrow();
  });
});
