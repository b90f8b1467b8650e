import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../src/store/sqlite-store.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';
import { appendByte, HOUR, openTemp, tempDir } from './temp-store.js';

async function withModel(opts: { busyTimeoutMs?: number } = {}): Promise<SqliteStore> {
  const store = openTemp(opts);
  await store.putModel('m', {});
  return store;
}

const fold = (store: SqliteStore, batchId: string, byte: number, merge = appendByte(byte)) =>
  store.foldBatch({ model: 'm', batchId, windowStart: 0, windowEnd: HOUR, rows: 1, merge });

describe('SqliteStore group commit', () => {
  it('commits concurrent folds in submission order', async () => {
    const store = await withModel();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => fold(store, `b${i}`, i)));
    expect(results.map((r) => r.window.batches)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const window = await store.getWindow('m', 0);
    expect(window).toMatchObject({ rows: 20, batches: 20 });
    expect([...window!.sketch]).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('holds folds of one turn in one transaction: another connection sees none until all commit', async () => {
    const store = await withModel();
    const reader = new Database(store.file, { readonly: true });
    const committedRows = () =>
      (reader.prepare('SELECT coalesce(sum(row_count), 0) AS n FROM windows').get() as { n: number }).n;
    let seenDuringSecond = -1;
    try {
      await Promise.all([
        fold(store, 'b0', 0),
        fold(store, 'b1', 1, (existing) => {
          seenDuringSecond = committedRows();
          return appendByte(1)(existing);
        }),
      ]);
      expect(seenDuringSecond).toBe(0);
      expect(committedRows()).toBe(2);
    } finally {
      reader.close();
    }
  });

  it('rejects only the fold whose merge throws when folds share a transaction', async () => {
    const store = await withModel();
    const failing = (): Uint8Array => {
      throw new Error('bad delta');
    };
    const settled = await Promise.allSettled([
      fold(store, 'b0', 0),
      fold(store, 'b1', 1, failing),
      fold(store, 'b2', 2),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'bad delta' });
    const window = await store.getWindow('m', 0);
    expect(window).toMatchObject({ rows: 2, batches: 2 });
    expect([...window!.sketch]).toEqual([0, 2]);
    expect((await fold(store, 'b1', 1)).duplicate).toBe(false);
  });

  it('folds a batch id submitted twice in one turn once', async () => {
    const store = await withModel();
    let calls = 0;
    const counting = (existing: Uint8Array | null) => {
      calls++;
      return appendByte(7)(existing);
    };
    const [first, second] = await Promise.all([fold(store, 'b1', 7, counting), fold(store, 'b1', 7, counting)]);
    expect([first.duplicate, second.duplicate]).toEqual([false, true]);
    expect(calls).toBe(1);
    expect(second.window).toMatchObject({ rows: 1, batches: 1 });
  });

  it('settles more folds than one transaction takes', async () => {
    const store = await withModel();
    const results = await Promise.all(Array.from({ length: 600 }, (_, i) => fold(store, `b${i}`, i % 256)));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    expect(await store.getWindow('m', 0)).toMatchObject({ rows: 600, batches: 600 });
  });

  it('rejects every fold of a group that cannot begin, and writes none', async () => {
    const store = await withModel({ busyTimeoutMs: 50 });
    const other = new Database(store.file);
    other.exec('BEGIN IMMEDIATE');
    let settled: PromiseSettledResult<unknown>[];
    try {
      settled = await Promise.allSettled([fold(store, 'b0', 0), fold(store, 'b1', 1)]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect((s as PromiseRejectedResult).reason).toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_BUSY' });
    }
    expect(await store.getWindow('m', 0)).toBeNull();
  });

  it('commits queued folds when the store closes', async () => {
    const dataDir = tempDir();
    const store = openSqliteStore({ dataDir });
    await store.putModel('m', {});
    const pending = fold(store, 'b0', 5);
    await store.close();
    expect((await pending).duplicate).toBe(false);
    await expect(fold(store, 'b1', 6)).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_CLOSED' });

    const reopened = openTemp({ dataDir });
    expect([...(await reopened.getWindow('m', 0))!.sketch]).toEqual([5]);
  });
});
