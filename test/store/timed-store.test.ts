import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { STORE_OPS, type StoreOp, timedStore } from '../../src/store/timed-store.js';
import { HOUR, openTemp } from './temp-store.js';

describe('timedStore', () => {
  it('passes calls through and reports each settled call once, by method name, with its wall time', async () => {
    const seen: [StoreOp, number][] = [];
    const store = timedStore(openTemp(), (op, s) => seen.push([op, s]));
    await store.putModel('m', { a: 1 });
    expect(await store.getModel('m')).toMatchObject({ name: 'm', spec: { a: 1 } });
    const appended = await store.appendBatch({ model: 'm', batchId: 'b', parts: [{ windowStart: 0, windowEnd: HOUR, rows: 2, delta: Uint8Array.of(1) }] });
    expect(appended.duplicate).toBe(false);
    await expect(store.appendBatch({ model: 'nope', batchId: 'b', parts: [{ windowStart: 0, windowEnd: HOUR, rows: 2, delta: Uint8Array.of(1) }] })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_MODEL_NOT_FOUND',
    });
    await expect(store.listReports('m', { limit: -1 })).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    expect(seen.map(([op]) => op)).toEqual(['putModel', 'getModel', 'appendBatch', 'appendBatch', 'listReports']);
    for (const [, s] of seen) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(5);
    }
    await store.close();
    expect(seen).toHaveLength(5);
  });

  it('times every method of the Store but close, and survives a listener that throws', async () => {
    const calls: string[] = [];
    const fake = new Proxy({} as Store, {
      get: (_t, name: string) => async () => {
        calls.push(name);
        return name;
      },
    });
    const ops: string[] = [];
    const timed = timedStore(fake, (op) => {
      ops.push(op);
      throw new Error('listener bug');
    });
    for (const op of STORE_OPS) expect(await (timed[op] as () => Promise<unknown>)()).toBe(op);
    await timed.close();
    expect(calls).toEqual([...STORE_OPS, 'close']);
    expect(ops).toEqual(STORE_OPS);
    expect(STORE_OPS).toContain('listBatchTraceparents');
  });

  it('reports a call that throws synchronously, and rejects with its error', async () => {
    const fake = new Proxy({} as Store, {
      get: () => () => {
        throw new Error('sync');
      },
    });
    const ops: string[] = [];
    await expect(timedStore(fake, (op) => ops.push(op)).getModel('m')).rejects.toThrow('sync');
    expect(ops).toEqual(['getModel']);
  });
});
