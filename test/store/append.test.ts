import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { migrations, schemaVersion } from '../../src/store/migrations.js';
import type { SqliteStore } from '../../src/store/sqlite-store.js';
import { SqliteWriter } from '../../src/store/sqlite-writer.js';
import type { AppendPart } from '../../src/store/store.js';
import { appendByte, HOUR, openTemp, tempDir } from './temp-store.js';

async function withModel(): Promise<SqliteStore> {
  const store = openTemp();
  await store.putModel('m', {});
  return store;
}

const part = (windowStart: number, rows: number, byte: number): AppendPart => ({
  windowStart,
  windowEnd: windowStart + HOUR,
  rows,
  delta: Uint8Array.of(byte, byte),
});

const append = (store: SqliteStore, batchId: string, ...parts: AppendPart[]) => store.appendBatch({ model: 'm', batchId, parts });

const bytesOf = (deltas: { sketch: Uint8Array }[]) => deltas.map((d) => [...d.sketch]);

describe('SqliteStore appendBatch', () => {
  it('appends each batch as a delta of its window, creating the window with an empty compacted sketch', async () => {
    const store = await withModel();
    const first = await append(store, 'b1', part(0, 10, 1));
    expect(first).toEqual({ duplicate: false, windows: [{ model: 'm', start: 0, end: HOUR, rows: 10, batches: 1, deltaCount: 1 }] });
    const second = await append(store, 'b2', part(0, 5, 2));
    expect(second.windows[0]).toMatchObject({ rows: 15, batches: 2, deltaCount: 2 });
    const w = (await store.getWindow('m', 0))!;
    expect(w).toMatchObject({ start: 0, end: HOUR, rows: 15, batches: 2, version: 0 });
    expect(w.sketch.length).toBe(0);
    expect(bytesOf(w.deltas)).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(w.deltas.map((d) => [d.rows, d.batches])).toEqual([
      [10, 1],
      [5, 1],
    ]);
    expect(w.deltas[0].seq).toBeLessThan(w.deltas[1].seq);
    expect((await store.listWindows('m', {}))[0]).toEqual(w);
    expect(await store.latestWindow('m')).toEqual(w);
  });

  it('does not append a batch id twice, whether it came by appendBatch or foldBatch', async () => {
    const store = await withModel();
    await append(store, 'b1', part(0, 10, 1));
    const retry = await append(store, 'b1', part(0, 10, 9));
    expect(retry).toEqual({ duplicate: true, windows: [{ model: 'm', start: 0, end: HOUR, rows: 10, batches: 1, deltaCount: 1 }] });
    const folded = await store.foldBatch({ model: 'm', batchId: 'b1', windowStart: 0, windowEnd: HOUR, rows: 10, merge: appendByte(9) });
    expect(folded.duplicate).toBe(true);
    await store.foldBatch({ model: 'm', batchId: 'b2', windowStart: 0, windowEnd: HOUR, rows: 3, merge: appendByte(7) });
    expect((await append(store, 'b2', part(0, 3, 9))).duplicate).toBe(true);
    const w = (await store.getWindow('m', 0))!;
    expect(w).toMatchObject({ rows: 13, batches: 2 });
    expect(bytesOf(w.deltas)).toEqual([[1, 1]]);
  });

  it('commits every part of a batch spanning windows together, or none when one part conflicts', async () => {
    const store = await withModel();
    const both = await append(store, 'b1', part(0, 3, 1), part(HOUR, 4, 2));
    expect(both.windows.map((w) => [w.start, w.rows])).toEqual([
      [0, 3],
      [HOUR, 4],
    ]);
    const conflicting = { windowStart: HOUR, windowEnd: HOUR + HOUR / 2, rows: 1, delta: Uint8Array.of(5) };
    await expect(append(store, 'b2', part(0, 6, 3), conflicting)).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_WINDOW_CONFLICT', statusCode: 409 });
    expect((await store.listWindows('m', {})).map((w) => [w.start, w.rows, w.deltas.length])).toEqual([
      [0, 3, 1],
      [HOUR, 4, 1],
    ]);
    expect((await append(store, 'b2', part(0, 6, 3))).duplicate).toBe(false);
  });

  it('lists windows in a range as summaries: rows, batches and deltas to fold, compacted or not', async () => {
    const store = await withModel();
    await append(store, 'b1', part(0, 3, 1), part(HOUR, 4, 2));
    await append(store, 'b2', part(HOUR, 5, 3));
    await append(store, 'b3', part(2 * HOUR, 6, 4));
    const w = (await store.getWindow('m', HOUR))!;
    expect(await store.compactWindow({ model: 'm', windowStart: HOUR, version: w.version, seqs: [w.deltas[0].seq], sketch: Uint8Array.of(2) })).toBe(true);
    expect(await store.listWindowSummaries('m', { from: HOUR, to: 3 * HOUR })).toEqual([
      { model: 'm', start: HOUR, end: 2 * HOUR, rows: 9, batches: 2, deltaCount: 1 },
      { model: 'm', start: 2 * HOUR, end: 3 * HOUR, rows: 6, batches: 1, deltaCount: 1 },
    ]);
    expect((await store.listWindowSummaries('m', {})).map((s) => s.start)).toEqual([0, HOUR, 2 * HOUR]);
    expect(await store.listWindowSummaries('other', {})).toEqual([]);
  });

  it('refuses a batch for a model that does not exist, and bad arguments', async () => {
    const store = await withModel();
    await expect(store.appendBatch({ model: 'nope', batchId: 'b', parts: [part(0, 1, 1)] })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_MODEL_NOT_FOUND',
      statusCode: 404,
    });
    for (const parts of [[], [{ ...part(0, 1, 1), delta: 'x' as unknown as Uint8Array }], [{ ...part(0, 1, 1), rows: -1 }], [part(0, 1, 1), part(0, 2, 2)]]) {
      await expect(store.appendBatch({ model: 'm', batchId: 'b', parts })).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    }
    expect(await store.latestWindow('m')).toBeNull();
  });

  it('refuses a delta it already moved (an empty view) instead of posting it: such a message never arrives and the append would hang', async () => {
    const store = await withModel();
    const p = part(0, 1, 7);
    await append(store, 'first', p);
    expect(p.delta.length).toBe(0); // moved to the writer thread
    await expect(store.appendBatch({ model: 'm', batchId: 'again', parts: [p] })).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT' });
    await expect(store.appendBatch({ model: 'm', batchId: 'empty', parts: [{ ...p, delta: new Uint8Array(0) }] })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
    });
    const w = (await store.getWindow('m', 0))!;
    expect(w.deltas.length).toBe(1);
    const sketch = Uint8Array.of(1, 2, 3);
    expect(await store.compactWindow({ model: 'm', windowStart: 0, version: w.version, seqs: [w.deltas[0].seq], sketch })).toBe(true);
    expect(sketch.length).toBe(0);
    await expect(store.compactWindow({ model: 'm', windowStart: 0, version: w.version + 1, seqs: [w.deltas[0].seq], sketch })).rejects.toMatchObject({
      code: 'DRIFTGAUGE_ERR_STORE_ARGUMENT',
    });
  });

  it('settles many concurrent appends, each once, in one window', async () => {
    const store = await withModel();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => append(store, `b${i}`, part(0, 1, i % 256))));
    expect(results.every((r) => !r.duplicate)).toBe(true);
    const w = (await store.getWindow('m', 0))!;
    expect(w).toMatchObject({ rows: 300, batches: 300 });
    expect(w.deltas).toHaveLength(300);
  });

  it('keeps the caller\'s bytes usable when they share a buffer, and moves them when they own it', async () => {
    const store = await withModel();
    const pooled = Buffer.from([4, 4]);
    await append(store, 'b1', { ...part(0, 1, 0), delta: pooled });
    expect([...pooled]).toEqual([4, 4]);
    const own = new Uint8Array(1024).fill(6);
    await append(store, 'b2', { ...part(0, 1, 0), delta: own });
    expect(own.byteLength).toBe(0);
    const w = (await store.getWindow('m', 0))!;
    expect(w.deltas.map((d) => d.sketch.length)).toEqual([2, 1024]);
  });

  it('answers DRIFTGAUGE_ERR_STORE_CLOSED once closed', async () => {
    const store = await withModel();
    await append(store, 'b1', part(0, 1, 1));
    await store.close();
    await expect(append(store, 'b2', part(0, 1, 1))).rejects.toMatchObject({ code: 'DRIFTGAUGE_ERR_STORE_CLOSED' });
  });

  it('reads the same window in the background as in the foreground', async () => {
    const store = await withModel();
    for (let i = 0; i < 5; i++) await append(store, `b${i}`, part(0, i + 1, i));
    await store.foldBatch({ model: 'm', batchId: 'f', windowStart: 0, windowEnd: HOUR, rows: 2, merge: appendByte(8) });
    // Blobs cross from the writer thread as Uint8Array, read on this thread as Buffer: compare bytes.
    const plain = (w: Awaited<ReturnType<SqliteStore['getWindow']>>) =>
      w && { ...w, sketch: [...w.sketch], deltas: w.deltas.map((d) => ({ ...d, sketch: [...d.sketch] })) };
    const background = await store.getWindowInBackground('m', 0);
    const { before, after, ...record } = background ?? { before: -1, after: -1 };
    expect([before, after]).toEqual([0, 0]);
    expect(plain(record as Awaited<ReturnType<SqliteStore['getWindow']>>)).toEqual(plain(await store.getWindow('m', 0)));
    expect(background?.deltas).toHaveLength(5);
    // A run of the deltas: the others are counted, not read.
    const run = await store.getWindowInBackground('m', 0, { skip: 1, max: 2 });
    expect(run?.deltas.map((d) => d.seq)).toEqual(background?.deltas.slice(1, 3).map((d) => d.seq));
    expect([run?.before, run?.after]).toEqual([1, 2]);
    expect((await store.getWindowInBackground('m', 0, { skip: 9 }))?.deltas).toEqual([]);
    expect(await store.getWindowInBackground('m', 5 * HOUR)).toBeNull();
  });

  it('after three reads torn by compactions, reads the run alone in one transaction', async () => {
    const store = await withModel();
    for (let i = 0; i < 5; i++) await append(store, `b${i}`, part(0, i + 1, i));
    const whole = (await store.getWindow('m', 0))!;
    // Every delta read on the writer thread comes back gone, as when a compaction deleted it meanwhile.
    const read = SqliteWriter.prototype.run;
    const tornReads: number[] = [];
    const spy = vi.spyOn(SqliteWriter.prototype, 'run').mockImplementation(function (this: SqliteWriter, job, transfer) {
      const args = (job as { op: string; args: { seq?: number } }).args;
      if ((job as { op: string }).op === 'read' && args.seq !== undefined) {
        tornReads.push(args.seq);
        return Promise.resolve(null);
      }
      return read.call(this, job, transfer);
    } as typeof read);
    const getWindow = vi.spyOn(store, 'getWindow');
    try {
      const run = (await store.getWindowInBackground('m', 0, { skip: 1, max: 2 }))!;
      expect(tornReads).toHaveLength(3);
      expect(getWindow).not.toHaveBeenCalled();
      expect([run.before, run.after]).toEqual([1, 2]);
      expect(run.deltas.map((d) => [d.seq, [...d.sketch]])).toEqual(whole.deltas.slice(1, 3).map((d) => [d.seq, [...d.sketch]]));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('SqliteStore compactWindow', () => {
  it('replaces the compacted sketch, moves the deltas\' counts into it and deletes them, keeping later deltas', async () => {
    const store = await withModel();
    for (let i = 0; i < 3; i++) await append(store, `b${i}`, part(0, 10 + i, i));
    const before = (await store.getWindow('m', 0))!;
    const seqs = before.deltas.slice(0, 2).map((d) => d.seq);
    expect(await store.compactWindow({ model: 'm', windowStart: 0, version: before.version, seqs, sketch: Uint8Array.of(42) })).toBe(true);
    const after = (await store.getWindow('m', 0))!;
    expect(after).toMatchObject({ rows: 33, batches: 3, version: before.version + 1 });
    expect([...after.sketch]).toEqual([42]);
    expect(bytesOf(after.deltas)).toEqual([[2, 2]]);
    expect((await append(store, 'b3', part(0, 1, 3))).windows[0]).toMatchObject({ rows: 34, batches: 4, deltaCount: 2 });
    // The batch ids stay recorded: a retry of a compacted batch is still a duplicate.
    expect((await append(store, 'b0', part(0, 10, 0))).duplicate).toBe(true);
  });

  it('refuses a compaction of an older compacted sketch or of a delta that is gone, writing nothing', async () => {
    const store = await withModel();
    for (let i = 0; i < 2; i++) await append(store, `b${i}`, part(0, 1, i));
    const w = (await store.getWindow('m', 0))!;
    const [a, b] = w.deltas.map((d) => d.seq);
    expect(await store.compactWindow({ model: 'm', windowStart: 0, version: w.version + 1, seqs: [a], sketch: Uint8Array.of(1) })).toBe(false);
    expect(await store.compactWindow({ model: 'm', windowStart: 0, version: w.version, seqs: [a, b + 1000], sketch: Uint8Array.of(1) })).toBe(false);
    expect(await store.compactWindow({ model: 'm', windowStart: 5 * HOUR, version: 0, seqs: [a], sketch: Uint8Array.of(1) })).toBe(false);
    expect(await store.getWindow('m', 0)).toEqual(w);
    // foldBatch rewrites the compacted sketch: a compaction computed before it is refused.
    await store.foldBatch({ model: 'm', batchId: 'f', windowStart: 0, windowEnd: HOUR, rows: 1, merge: appendByte(5) });
    expect(await store.compactWindow({ model: 'm', windowStart: 0, version: w.version, seqs: [a], sketch: Uint8Array.of(1) })).toBe(false);
    expect(await store.compactWindow({ model: 'm', windowStart: 0, version: w.version + 1, seqs: [a, b], sketch: Uint8Array.of(1) })).toBe(true);
    expect(await store.getWindow('m', 0)).toMatchObject({ rows: 3, batches: 3, deltas: [] });
  });

  it('passes null to a fold\'s merge while the window holds only deltas', async () => {
    const store = await withModel();
    await append(store, 'b1', part(0, 1, 1));
    let seen: Uint8Array | null | undefined;
    const r = await store.foldBatch({
      model: 'm',
      batchId: 'f',
      windowStart: 0,
      windowEnd: HOUR,
      rows: 2,
      merge: (existing) => {
        seen = existing;
        return Uint8Array.of(3);
      },
    });
    expect(seen).toBeNull();
    expect(r.window).toMatchObject({ rows: 3, batches: 2, version: 1 });
    expect(bytesOf(r.window.deltas)).toEqual([[1, 1]]);
  });

  it('deletes a window\'s deltas with the window (pruning) and with the model', async () => {
    const store = await withModel();
    await append(store, 'b0', part(0, 1, 0));
    await append(store, 'b1', part(HOUR, 1, 1));
    expect(await store.pruneWindows('m', HOUR)).toBe(1);
    expect((await append(store, 'b0', part(0, 1, 0))).duplicate).toBe(false);
    expect((await store.getWindow('m', 0))!.deltas).toHaveLength(1);
    expect(await store.deleteModel('m')).toBe(true);
    const db = new Database(store.file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM window_deltas').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

describe('schema version 2', () => {
  it('migrates a version 1 file: its windows read as compacted sketches without deltas', async () => {
    const dataDir = tempDir();
    const db = new Database(`${dataDir}/driftgauge.sqlite`);
    db.pragma('journal_mode = WAL');
    db.exec(migrations[0].sql);
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO models VALUES ('m', '{}', 'now', 'now')").run();
    db.prepare("INSERT INTO windows VALUES ('m', 0, ?, 7, 2, x'0102', 'then')").run(HOUR);
    db.close();
    const store = openTemp({ dataDir });
    expect(store.settings().schemaVersion).toBe(schemaVersion);
    expect(await store.getWindow('m', 0)).toMatchObject({ rows: 7, batches: 2, version: 0, deltas: [] });
    expect((await append(store, 'b', part(0, 3, 1))).windows[0]).toMatchObject({ rows: 10, batches: 3, deltaCount: 1 });
    expect([...(await store.getWindow('m', 0))!.sketch]).toEqual([1, 2]);
  });
});
