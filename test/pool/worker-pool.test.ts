import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DriftgaugeError } from '../../src/errors.js';
import { AGE, movableBytes, UTILIZATION_TAU_MS, WorkerPool } from '../../src/pool/worker-pool.js';

const filename = fileURLToPath(new URL('./fixtures/test-worker.mjs', import.meta.url));
const pools: WorkerPool[] = [];
function pool(opts: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}) {
  const p = new WorkerPool({ filename, size: 1, maxQueue: 4, taskTimeoutMs: 5_000, ...opts });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('runs one task on every worker thread (each waits at a barrier for the others)', async () => {
    const results = await pool({ size: 3 }).runOnEveryWorker<{ all: boolean; threadId: number }>((barrier) => ({ kind: 'barrier', barrier }));
    expect(results.map((r) => r.all)).toEqual([true, true, true]);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(3);
  });

  it('reports utilization as the busy share of the workers, time-weighted over the last seconds', async () => {
    const tau = UTILIZATION_TAU_MS / 1000;
    const p = pool({ size: 2 });
    expect(p.stats().utilization).toBe(0);
    // One of two workers busy for 600 ms: at most half of what a full pool would reach.
    let t0 = performance.now();
    await p.run({ kind: 'sleep', ms: 600 });
    let elapsed = (performance.now() - t0) / 1000;
    const half = p.stats().utilization;
    expect(half).toBeGreaterThanOrEqual(0.5 * (1 - Math.exp(-0.6 / tau)) * Math.exp(-(elapsed - 0.6) / tau) * 0.95);
    expect(half).toBeLessThanOrEqual(0.5 * (1 - Math.exp(-elapsed / tau)) + 1e-9);
    // Both busy for 600 ms: the full share, on top of what is left of the half before.
    t0 = performance.now();
    await Promise.all([1, 2].map(() => p.run({ kind: 'sleep', ms: 600 })));
    elapsed = (performance.now() - t0) / 1000;
    const full = p.stats().utilization;
    expect(full).toBeGreaterThan(half);
    expect(full).toBeGreaterThanOrEqual((1 - Math.exp(-0.6 / tau)) * Math.exp(-(elapsed - 0.6) / tau) * 0.95);
    expect(full).toBeLessThanOrEqual(1 - Math.exp(-(elapsed + 1) / tau));
    // Idle, it decays.
    await new Promise((r) => setTimeout(r, 200));
    expect(p.stats().utilization).toBeLessThan(full);
  });

  it('runs a task and returns its result', async () => {
    expect(await pool().run({ kind: 'hello' })).toBe('hello');
  });

  it('rebuilds a catalogued error sent by the worker as {code, message}', async () => {
    const err = await pool().run({ kind: 'coded' }).catch((e) => e);
    expect(err).toBeInstanceOf(DriftgaugeError);
    expect(err).toMatchObject({ code: 'DRIFTGAUGE_ERR_SCHEMA_MISMATCH', statusCode: 422 });
  });

  it('refuses with 503 OVERLOADED and a Retry-After when the queue is full, never queueing without bound', async () => {
    const p = pool({ maxQueue: 2 });
    const running = [p.run({ kind: 'sleep', ms: 300 }), p.run({ kind: 'sleep', ms: 10 }), p.run({ kind: 'sleep', ms: 10 })];
    const refused = (await p.run({ kind: 'sleep', ms: 10 }).catch((e) => e)) as { retryAfter: number };
    expect(refused).toMatchObject({ code: 'DRIFTGAUGE_ERR_OVERLOADED', statusCode: 503 });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    await Promise.all(running);
  });

  it('abandons a task past its timeout with 503 TASK_TIMEOUT and keeps working', async () => {
    const p = pool({ taskTimeoutMs: 200 });
    const err = await p.run({ kind: 'sleep', ms: 5_000 }).catch((e) => e);
    expect(err).toMatchObject({ code: 'DRIFTGAUGE_ERR_TASK_TIMEOUT', statusCode: 503 });
    expect(await p.run({ kind: 'hello' })).toBe('hello');
  });

  it('answers a crashed worker with 500 WORKER_CRASHED, replaces it, and fails nothing else', async () => {
    const p = pool({ size: 2 });
    const [crashed, fine] = await Promise.allSettled([p.run({ kind: 'crash' }), p.run({ kind: 'sleep', ms: 50 })]);
    expect(crashed.status).toBe('rejected');
    expect((crashed as PromiseRejectedResult).reason).toMatchObject({ code: 'DRIFTGAUGE_ERR_WORKER_CRASHED', statusCode: 500 });
    expect(fine).toEqual({ status: 'fulfilled', value: 50 });
    expect(await p.run({ kind: 'hello' })).toBe('hello');
    expect(await p.run({ kind: 'hello' })).toBe('hello');
  });

  it('reports an exception thrown in a task as WORKER_CRASHED with its message', async () => {
    const err = (await pool().run({ kind: 'throw' }).catch((e) => e)) as Error;
    expect(err).toMatchObject({ code: 'DRIFTGAUGE_ERR_WORKER_CRASHED' });
    expect(err.message).toContain('not caught by the task');
  });

  it('moves a request body to the worker instead of copying it', async () => {
    const body = new Uint8Array(1 << 20);
    const { bytes, transfer } = movableBytes(body);
    expect(bytes).toBe(body);
    expect(await pool().run({ kind: 'bytes', bytes }, transfer)).toBe(1 << 20);
    expect(body.byteLength).toBe(0); // detached: it now belongs to the worker
  });

  it('copies a small Buffer that shares Node\'s allocation pool rather than detaching the pool', () => {
    const small = Buffer.from('tiny');
    const { bytes, transfer } = movableBytes(small);
    expect(bytes).not.toBe(small);
    expect(transfer[0]).not.toBe(small.buffer);
  });

  it('runs queued request tasks before a queued background task', async () => {
    const p = pool({ size: 1, maxQueue: 8 });
    const order: string[] = [];
    const track = (name: string, run: Promise<unknown>) => run.then(() => order.push(name));
    const busy = track('busy', p.run({ kind: 'sleep', ms: 150 }));
    await new Promise((r) => setTimeout(r, 30)); // the one worker is busy; the rest queue
    const background = track('background', p.run({ kind: 'sleep', ms: 1 }, [], { background: true }));
    const requests = [1, 2, 3].map((i) => track(`request ${i}`, p.run({ kind: 'sleep', ms: 1 })));
    await Promise.all([busy, background, ...requests]);
    expect(order[0]).toBe('busy');
    expect(order.at(-1)).toBe('background');
  });

  it('lets a waiting background task run once AGE request tasks went before it', async () => {
    const p = pool({ size: 1, maxQueue: 16 });
    const order: string[] = [];
    const busy = p.run({ kind: 'sleep', ms: 100 }).then(() => order.push('busy'));
    await new Promise((r) => setTimeout(r, 20));
    const background = p.run({ kind: 'sleep', ms: 1 }, [], { background: true }).then(() => order.push('background'));
    const requests = Array.from({ length: AGE + 2 }, (_, i) => p.run({ kind: 'sleep', ms: 1 }).then(() => order.push(`r${i}`)));
    await Promise.all([busy, background, ...requests]);
    expect(order.indexOf('background')).toBeGreaterThan(order.indexOf('r0'));
    expect(order.indexOf('background')).toBeLessThan(order.length - 1);
  });

  it('refuses new work once closed; a second close() waits for the first', async () => {
    const p = pool();
    const first = p.close();
    expect(p.close()).toBe(first);
    await first;
    await expect(p.run({ kind: 'hello' })).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_SHUTTING_DOWN' });
  });
});

describe('WorkerPool.close while workers still load their module', () => {
  const slow = fileURLToPath(new URL('./fixtures/slow-load-worker.mjs', import.meta.url));
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function marker(): string {
    const dir = mkdtempSync(join(tmpdir(), 'dg-pool-'));
    dirs.push(dir);
    return join(dir, 'loaded');
  }
  const loadedThreads = (path: string) => {
    try {
      return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').length;
    } catch {
      return 0;
    }
  };

  it('lets every thread finish loading before it stops them (node 20 aborts the process otherwise)', async () => {
    const path = marker();
    const p = pool({ filename: slow, size: 2, workerData: { loadMs: 300, marker: path } });
    const started = performance.now();
    await p.close();
    expect(loadedThreads(path)).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('does not wait for a loaded pool, and stops a thread that loads too long after loadWaitMs', async () => {
    const fast = marker();
    const p = pool({ filename: slow, size: 1, workerData: { loadMs: 0, marker: fast } });
    await expect(p.run({})).resolves.toBe('loaded');
    let started = performance.now();
    await p.close();
    expect(performance.now() - started).toBeLessThan(5_000); // not the default 10 s wait

    const never = marker();
    const stuck = pool({ filename: slow, size: 1, workerData: { loadMs: 60_000, marker: never }, loadWaitMs: 200 });
    // Stopped only once its module runs: stopping it while node instantiates the module would abort this process.
    while (loadedThreads(`${never}.started`) === 0) await new Promise((r) => setTimeout(r, 10));
    started = performance.now();
    await stuck.close();
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(5_000);
    expect(loadedThreads(never)).toBe(0);
  });
});
