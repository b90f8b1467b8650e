import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/sqlite-store.js';
import { appendByte, HOUR, openTemp } from './temp-store.js';

async function withModel(): Promise<SqliteStore> {
  const store = openTemp();
  await store.putModel('m', {});
  return store;
}

function fold(store: SqliteStore, batchId: string, windowStart: number, rows: number, byte: number) {
  return store.foldBatch({
    model: 'm',
    batchId,
    windowStart,
    windowEnd: windowStart + HOUR,
    rows,
    merge: appendByte(byte),
  });
}

describe('SqliteStore foldBatch', () => {
  it('creates the window on the first batch, passing null to merge', async () => {
    const store = await withModel();
    let seen: Uint8Array | null | undefined;
    const result = await store.foldBatch({
      model: 'm',
      batchId: 'b1',
      windowStart: HOUR,
      windowEnd: 2 * HOUR,
      rows: 7,
      merge: (existing) => {
        seen = existing;
        return new Uint8Array([42]);
      },
    });
    expect(seen).toBeNull();
    expect(result.duplicate).toBe(false);
    expect(result.window).toMatchObject({ model: 'm', start: HOUR, end: 2 * HOUR, rows: 7, batches: 1 });
    expect([...result.window.sketch]).toEqual([42]);
    const stored = await store.getWindow('m', HOUR);
    expect(stored).toMatchObject({ model: 'm', start: HOUR, end: 2 * HOUR, rows: 7, batches: 1 });
    expect([...stored!.sketch]).toEqual([42]);
    expect(stored!.updatedAt).toBe(result.window.updatedAt);
  });

  it('passes the stored sketch to merge and adds rows and batches', async () => {
    const store = await withModel();
    await fold(store, 'b1', 0, 10, 1);
    await fold(store, 'b2', 0, 20, 2);
    const third = await fold(store, 'b3', 0, 30, 3);
    expect(third.window).toMatchObject({ rows: 60, batches: 3 });
    expect([...third.window.sketch]).toEqual([1, 2, 3]);
    expect([...(await store.getWindow('m', 0))!.sketch]).toEqual([1, 2, 3]);
  });

  it('does not fold a batch id twice and does not call merge for the retry', async () => {
    const store = await withModel();
    await fold(store, 'b1', 0, 10, 1);
    let calls = 0;
    const retry = await store.foldBatch({
      model: 'm',
      batchId: 'b1',
      windowStart: 0,
      windowEnd: HOUR,
      rows: 10,
      merge: () => {
        calls++;
        return new Uint8Array([99]);
      },
    });
    expect(calls).toBe(0);
    expect(retry.duplicate).toBe(true);
    expect(retry.window).toMatchObject({ rows: 10, batches: 1 });
    expect([...retry.window.sketch]).toEqual([1]);
  });

  it('keeps batch ids per model: the same id in another model is folded', async () => {
    const store = await withModel();
    await store.putModel('other', {});
    await fold(store, 'b1', 0, 10, 1);
    const other = await store.foldBatch({
      model: 'other',
      batchId: 'b1',
      windowStart: 0,
      windowEnd: HOUR,
      rows: 3,
      merge: appendByte(5),
    });
    expect(other.duplicate).toBe(false);
    expect(other.window).toMatchObject({ model: 'other', rows: 3, batches: 1 });
  });

  it('rolls back when merge throws: window unchanged and batch id not recorded', async () => {
    const store = await withModel();
    await fold(store, 'b1', 0, 10, 1);
    const boom = new Error('sketch mismatch');
    await expect(
      store.foldBatch({
        model: 'm',
        batchId: 'b2',
        windowStart: 0,
        windowEnd: HOUR,
        rows: 5,
        merge: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    const window = await store.getWindow('m', 0);
    expect(window).toMatchObject({ rows: 10, batches: 1 });
    expect([...window!.sketch]).toEqual([1]);
    // b2 was not recorded, so its retry is folded.
    const retry = await fold(store, 'b2', 0, 5, 2);
    expect(retry.duplicate).toBe(false);
    expect(retry.window).toMatchObject({ rows: 15, batches: 2 });
  });

  it('rolls back a new window when merge throws', async () => {
    const store = await withModel();
    await expect(
      store.foldBatch({
        model: 'm',
        batchId: 'b1',
        windowStart: 0,
        windowEnd: HOUR,
        rows: 5,
        merge: () => {
          throw new Error('x');
        },
      }),
    ).rejects.toThrow('x');
    expect(await store.getWindow('m', 0)).toBeNull();
    expect(await store.latestWindow('m')).toBeNull();
  });

  it('refuses a merge that does not return bytes synchronously', async () => {
    const store = await withModel();
    const asyncMerge = (async () => new Uint8Array(1)) as unknown as () => Uint8Array;
    await expect(
      store.foldBatch({ model: 'm', batchId: 'b1', windowStart: 0, windowEnd: HOUR, rows: 1, merge: asyncMerge }),
    ).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    expect(await store.getWindow('m', 0)).toBeNull();
  });

  it('refuses a batch for a model that does not exist without calling merge', async () => {
    const store = openTemp();
    let calls = 0;
    const merge = () => {
      calls++;
      return new Uint8Array(1);
    };
    await expect(
      store.foldBatch({ model: 'nope', batchId: 'b1', windowStart: 0, windowEnd: HOUR, rows: 1, merge }),
    ).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_MODEL_NOT_FOUND', statusCode: 404 });
    expect(calls).toBe(0);
  });

  it('refuses a window whose end differs from the stored window starting at the same time', async () => {
    const store = await withModel();
    await fold(store, 'b1', 0, 10, 1);
    await expect(
      store.foldBatch({
        model: 'm',
        batchId: 'b2',
        windowStart: 0,
        windowEnd: HOUR / 2,
        rows: 5,
        merge: appendByte(2),
      }),
    ).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_WINDOW_CONFLICT', statusCode: 409 });
    expect(await store.getWindow('m', 0)).toMatchObject({ end: HOUR, rows: 10, batches: 1 });
  });

  it('refuses bad window bounds and row counts', async () => {
    const store = await withModel();
    const base = { model: 'm', batchId: 'b', windowStart: 0, windowEnd: HOUR, rows: 1, merge: appendByte(1) };
    for (const bad of [{ windowEnd: 0 }, { windowStart: 0.5 }, { rows: -1 }, { rows: Number.NaN }, { batchId: '' }]) {
      await expect(store.foldBatch({ ...base, ...bad })).rejects.toMatchObject({
        code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
      });
    }
    expect(await store.latestWindow('m')).toBeNull();
  });
});

describe('SqliteStore foldBatchMulti', () => {
  const twoParts = (a: number, b: number) => [
    { windowStart: 0, windowEnd: HOUR, rows: 3, merge: appendByte(a) },
    { windowStart: HOUR, windowEnd: 2 * HOUR, rows: 4, merge: appendByte(b) },
  ];

  it('folds a batch spanning two windows and records the batch id once for both', async () => {
    const store = await withModel();
    const result = await store.foldBatchMulti({ model: 'm', batchId: 'b1', parts: twoParts(1, 2) });
    expect(result.duplicate).toBe(false);
    expect(result.windows.map((w) => [w.start, w.rows, w.batches, [...w.sketch]])).toEqual([
      [0, 3, 1, [1]],
      [HOUR, 4, 1, [2]],
    ]);
    const retry = await store.foldBatchMulti({ model: 'm', batchId: 'b1', parts: twoParts(8, 9) });
    expect(retry.duplicate).toBe(true);
    expect(retry.windows.map((w) => [w.start, w.rows, [...w.sketch]])).toEqual([
      [0, 3, [1]],
      [HOUR, 4, [2]],
    ]);
    // foldBatch with the same id is a duplicate too, and reports the window it asks about.
    const single = await store.foldBatch({
      model: 'm',
      batchId: 'b1',
      windowStart: HOUR,
      windowEnd: 2 * HOUR,
      rows: 4,
      merge: appendByte(7),
    });
    expect(single).toMatchObject({ duplicate: true, window: { start: HOUR, rows: 4 } });
  });

  it('writes no part when a later part fails', async () => {
    const store = await withModel();
    await store.foldBatchMulti({ model: 'm', batchId: 'b1', parts: twoParts(1, 2) });
    const parts = [
      { windowStart: 0, windowEnd: HOUR, rows: 5, merge: appendByte(3) },
      { windowStart: HOUR, windowEnd: 2 * HOUR, rows: 5, merge: appendByte(4) },
      {
        windowStart: 2 * HOUR,
        windowEnd: 3 * HOUR,
        rows: 5,
        merge: (): Uint8Array => {
          throw new Error('third part fails');
        },
      },
    ];
    await expect(store.foldBatchMulti({ model: 'm', batchId: 'b2', parts })).rejects.toThrow('third part fails');
    const windows = await store.listWindows('m', {});
    expect(windows.map((w) => [w.start, w.rows, w.batches, [...w.sketch]])).toEqual([
      [0, 3, 1, [1]],
      [HOUR, 4, 1, [2]],
    ]);
    const retry = await store.foldBatchMulti({ model: 'm', batchId: 'b2', parts: parts.slice(0, 2) });
    expect(retry.duplicate).toBe(false);
  });

  it('refuses no parts and two parts for one window', async () => {
    const store = await withModel();
    await expect(store.foldBatchMulti({ model: 'm', batchId: 'b', parts: [] })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
    });
    const same = twoParts(1, 2).map((p) => ({ ...p, windowStart: 0, windowEnd: HOUR }));
    await expect(store.foldBatchMulti({ model: 'm', batchId: 'b', parts: same })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
    });
  });
});

describe('SqliteStore window queries', () => {
  it('lists windows overlapping [from, to), oldest first, and finds the latest', async () => {
    const store = await withModel();
    for (const h of [3, 0, 1, 2]) await fold(store, `b${h}`, h * HOUR, h + 1, h);
    const starts = async (range: { from?: number; to?: number }) =>
      (await store.listWindows('m', range)).map((w) => w.start / HOUR);
    expect(await starts({})).toEqual([0, 1, 2, 3]);
    expect(await starts({ from: HOUR, to: 3 * HOUR })).toEqual([1, 2]);
    expect(await starts({ from: HOUR + 1, to: 2 * HOUR + 1 })).toEqual([1, 2]);
    expect(await starts({ from: HOUR })).toEqual([1, 2, 3]);
    expect(await starts({ to: HOUR })).toEqual([0]);
    expect(await starts({ from: 2 * HOUR, to: 2 * HOUR })).toEqual([]);
    expect(await store.latestWindow('m')).toMatchObject({ start: 3 * HOUR, rows: 4 });
    expect(await store.getWindow('m', 5 * HOUR)).toBeNull();
    expect(await store.listWindows('other', {})).toEqual([]);
  });

  it('prunes windows that end at or before a time, forgetting their batch ids', async () => {
    const store = await withModel();
    for (const h of [0, 1, 2]) await fold(store, `b${h}`, h * HOUR, 1, h);
    expect(await store.pruneWindows('m', 2 * HOUR)).toBe(2);
    expect((await store.listWindows('m', {})).map((w) => w.start)).toEqual([2 * HOUR]);
    expect((await fold(store, 'b2', 2 * HOUR, 1, 2)).duplicate).toBe(true);
    expect((await fold(store, 'b0', 0, 1, 0)).duplicate).toBe(false);
  });
});
