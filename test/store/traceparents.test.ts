import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrations, schemaVersion } from '../../src/store/migrations.js';
import type { SqliteStore } from '../../src/store/sqlite-store.js';
import type { AppendPart } from '../../src/store/store.js';
import { TRACEPARENT_LIMIT_DEFAULT, TRACEPARENT_LIMIT_MAX } from '../../src/store/store-args.js';
import { appendByte, HOUR, openTemp, tempDir } from './temp-store.js';

/** A sampled version-00 traceparent whose trace id ends in `n` (hex). */
const tp = (n: number) => `00-${n.toString(16).padStart(32, '0')}-00f067aa0ba902b7-01`;

const part = (windowStart: number, rows = 1): AppendPart => ({ windowStart, windowEnd: windowStart + HOUR, rows, delta: Uint8Array.of(1) });

async function withModel(): Promise<SqliteStore> {
  const store = openTemp();
  await store.putModel('m', {});
  return store;
}

describe('batch traceparents (schema version 3)', () => {
  it('keeps the traceparent of each appended or folded batch and lists a window range newest first', async () => {
    const store = await withModel();
    await store.appendBatch({ model: 'm', batchId: 'a1', parts: [part(0)], traceparent: tp(1) });
    await store.appendBatch({ model: 'm', batchId: 'a2', parts: [part(0)] });
    await store.appendBatch({ model: 'm', batchId: 'a3', parts: [part(0)], traceparent: null });
    await store.foldBatch({ model: 'm', batchId: 'f1', windowStart: 0, windowEnd: HOUR, rows: 1, merge: appendByte(1), traceparent: tp(2) });
    await store.appendBatch({ model: 'm', batchId: 'b1', parts: [part(HOUR), part(2 * HOUR)], traceparent: tp(3) });
    await store.foldBatchMulti({ model: 'm', batchId: 'c1', parts: [{ windowStart: 2 * HOUR, windowEnd: 3 * HOUR, rows: 1, merge: appendByte(2) }], traceparent: tp(4) });

    expect(await store.listBatchTraceparents('m', { from: 0, to: HOUR })).toEqual([tp(2), tp(1)]);
    expect(await store.listBatchTraceparents('m', { from: HOUR, to: 2 * HOUR })).toEqual([tp(3)]);
    // The latest window first, in a window the latest fold first; a batch in two windows appears in each.
    expect(await store.listBatchTraceparents('m', {})).toEqual([tp(4), tp(3), tp(3), tp(2), tp(1)]);
    expect(await store.listBatchTraceparents('m', { from: 0, to: 3 * HOUR }, 2)).toEqual([tp(4), tp(3)]);
    expect(await store.listBatchTraceparents('other', {})).toEqual([]);
  });

  it('lists only windows that lie within the range (as a comparison reads them)', async () => {
    const store = await withModel();
    await store.appendBatch({ model: 'm', batchId: 'a', parts: [part(0)], traceparent: tp(1) });
    // A window starting inside [0, HOUR / 2) but ending after it is not compared, so not linked.
    expect(await store.listBatchTraceparents('m', { from: 0, to: HOUR / 2 })).toEqual([]);
    expect(await store.listBatchTraceparents('m', { from: -HOUR, to: HOUR })).toEqual([tp(1)]);
  });

  it('is bounded: at most the limit (128 by default, 1000 at most), read by walking an index, not sorting', async () => {
    const store = await withModel();
    await Promise.all(
      Array.from({ length: 1100 }, (_, i) => store.appendBatch({ model: 'm', batchId: `b${i}`, parts: [part(0)], traceparent: tp(i + 1) })),
    );
    const newest = await store.listBatchTraceparents('m', { from: 0, to: HOUR });
    expect(newest).toHaveLength(TRACEPARENT_LIMIT_DEFAULT);
    expect(new Set(newest).size).toBe(TRACEPARENT_LIMIT_DEFAULT);
    // Newest first: the last appended batch leads.
    expect(newest[0]).toBe(tp(1100));
    expect(await store.listBatchTraceparents('m', {}, 5000)).toHaveLength(TRACEPARENT_LIMIT_MAX);
    for (const limit of [0, -1, 1.5]) {
      await expect(store.listBatchTraceparents('m', {}, limit)).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    }
    const db = new Database(store.file, { readonly: true });
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT b.traceparent FROM batches b
           WHERE b.model = 'm' AND b.window_start >= 0 AND b.window_start < 1 AND b.traceparent IS NOT NULL
             AND EXISTS (SELECT 1 FROM windows w WHERE w.model = b.model AND w.start_ms = b.window_start AND w.end_ms <= 1)
           ORDER BY b.window_start DESC, b.folded_at DESC, b.rowid DESC LIMIT 128`,
        )
        .all() as { detail: string }[];
      const text = plan.map((p) => p.detail).join('\n');
      expect(text).toContain('batches_by_window_time');
      expect(text).not.toContain('TEMP B-TREE');
    } finally {
      db.close();
    }
  });

  it('refuses a traceparent that is not W3C version 00', async () => {
    const store = await withModel();
    const bad = [
      'garbage',
      tp(1).toUpperCase(),
      `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
      `00-${'1'.repeat(32)}-${'0'.repeat(16)}-01`,
      `01-${'1'.repeat(32)}-00f067aa0ba902b7-01`,
      `${tp(1)}-extra`,
      42,
    ];
    for (const traceparent of bad) {
      await expect(
        store.appendBatch({ model: 'm', batchId: 'b', parts: [part(0)], traceparent: traceparent as string }),
      ).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
      await expect(
        store.foldBatch({ model: 'm', batchId: 'b', windowStart: 0, windowEnd: HOUR, rows: 1, merge: appendByte(1), traceparent: traceparent as string }),
      ).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    }
    expect(await store.latestWindow('m')).toBeNull();
  });

  it('forgets the traceparents with the windows (pruning, deleting the model)', async () => {
    const store = await withModel();
    await store.appendBatch({ model: 'm', batchId: 'a', parts: [part(0)], traceparent: tp(1) });
    await store.appendBatch({ model: 'm', batchId: 'b', parts: [part(HOUR)], traceparent: tp(2) });
    expect(await store.pruneWindows('m', HOUR)).toBe(1);
    expect(await store.listBatchTraceparents('m', {})).toEqual([tp(2)]);
    await store.deleteModel('m');
    expect(await store.listBatchTraceparents('m', {})).toEqual([]);
  });

  it('migrates a version 2 file in place: its batches read as untraced, new ones keep their traceparent', async () => {
    const dataDir = tempDir();
    const db = new Database(`${dataDir}/driftgauge.sqlite`);
    db.pragma('journal_mode = WAL');
    db.exec(migrations[0].sql);
    db.exec(migrations[1].sql);
    db.pragma('user_version = 2');
    db.prepare("INSERT INTO models VALUES ('m', '{}', 'now', 'now')").run();
    db.prepare("INSERT INTO windows (model, start_ms, end_ms, row_count, batch_count, sketch, updated_at) VALUES ('m', 0, ?, 0, 0, x'', 'then')").run(HOUR);
    db.prepare("INSERT INTO window_deltas (model, window_start, row_count, batch_count, folded_at, sketch) VALUES ('m', 0, 7, 1, 'then', x'01')").run();
    db.prepare("INSERT INTO batches VALUES ('m', 'old', 0, 7, 'then')").run();
    db.close();

    const store = openTemp({ dataDir });
    expect(store.settings().schemaVersion).toBe(schemaVersion);
    expect(schemaVersion).toBe(4);
    expect(await store.getWindow('m', 0)).toMatchObject({ rows: 7, batches: 1 });
    expect(await store.listBatchTraceparents('m', {})).toEqual([]);
    // The old batch id is still known (a retry is a duplicate), and a new batch keeps its traceparent.
    expect((await store.appendBatch({ model: 'm', batchId: 'old', parts: [part(0)], traceparent: tp(9) })).duplicate).toBe(true);
    await store.appendBatch({ model: 'm', batchId: 'new', parts: [part(0)], traceparent: tp(9) });
    expect(await store.listBatchTraceparents('m', {})).toEqual([tp(9)]);

    const check = new Database(store.file, { readonly: true });
    try {
      const columns = (check.prepare('PRAGMA table_info(batches)').all() as { name: string; notnull: number }[]).map((c) => [c.name, c.notnull]);
      expect(columns).toContainEqual(['traceparent', 0]);
      const indexes = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'batches'").all() as { name: string }[]).map((r) => r.name);
      expect(indexes).toContain('batches_by_window_time');
      expect(indexes).not.toContain('batches_by_window');
      // Migration 4: the deltas' covering index replaced the narrow one.
      const deltaIndexes = (check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'window_deltas'").all() as { name: string }[]).map((r) => r.name);
      expect(deltaIndexes).toContain('window_deltas_totals');
      expect(deltaIndexes).not.toContain('window_deltas_by_window');
    } finally {
      check.close();
    }
  });
});
