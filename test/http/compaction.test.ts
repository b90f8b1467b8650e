import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime, RuntimeOptions } from '../../src/service/runtime.js';
import { ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from './harness.js';

let rt: Runtime;
const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 10);
const window = { start: new Date(t0).toISOString(), end: new Date(t0 + H).toISOString() };

/** A runtime with the model `credit` and its reference. */
async function withReference(opts: RuntimeOptions = {}): Promise<Runtime> {
  const r = await startRuntime({}, opts);
  await r.app.inject({ method: 'PUT', url: '/v1/models/credit', payload: SYNTHETIC_SPEC });
  const ref = await r.app.inject({ method: 'PUT', url: '/v1/models/credit/reference', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(3000, 1, 0, t0 - 24 * H) });
  expect(ref.statusCode).toBe(200);
  return r;
}

beforeAll(async () => {
  rt = await withReference();
});
afterAll(async () => {
  await rt.close();
});

const post = (seed: number) =>
  rt.app.inject({ method: 'POST', url: '/v1/models/credit/batches', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(200, seed, 0.3, t0) });
const compare = async () => {
  const r = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window } });
  expect(r.statusCode).toBe(200);
  return r.json();
};

describe('window compaction', () => {
  it('appends each batch as a delta and compacts them without changing the comparison', async () => {
    // Fewer than the service's compaction threshold (8): nothing compacts on its own.
    for (let i = 0; i < 6; i++) expect((await post(100 + i)).statusCode).toBe(202);
    const before = (await rt.store.getWindow('credit', t0))!;
    expect(before.deltas).toHaveLength(6);
    expect(before.sketch.length).toBe(0);
    const uncompacted = await compare();
    expect(uncompacted.current.rows).toBe(1200);

    expect(await rt.service.compactWindow('credit', t0)).toEqual({ folded: 6, left: 0, more: 0, refused: false });
    const after = (await rt.store.getWindow('credit', t0))!;
    expect(after).toMatchObject({ rows: 1200, batches: 6, deltas: [] });
    expect(after.sketch.length).toBeGreaterThan(0);
    // Folding in the same order gives the same numbers, bit for bit.
    expect(await compare()).toEqual(uncompacted);
  });

  it('compacts in the background once a window holds enough deltas, and a retried batch stays a duplicate', async () => {
    const key = { 'content-type': ARROW_STREAM, 'idempotency-key': 'first' };
    expect((await rt.app.inject({ method: 'POST', url: '/v1/models/credit/batches', headers: key, payload: batchBytes(200, 500, 0.3, t0) })).statusCode).toBe(202);
    for (let i = 0; i < 20; i++) expect((await post(200 + i)).statusCode).toBe(202);
    await rt.service.settle();
    const w = (await rt.store.getWindow('credit', t0))!;
    expect(w.rows).toBe(1200 + 21 * 200);
    expect(w.deltas.length).toBeLessThan(8);
    const retry = await rt.app.inject({ method: 'POST', url: '/v1/models/credit/batches', headers: key, payload: batchBytes(200, 500, 0.3, t0) });
    expect(retry.json()).toMatchObject({ duplicate: true });
    expect((await compare()).current.rows).toBe(1200 + 21 * 200);
  });

  it('leaves deltas of a replaced reference as they are and counts them as rows of another reference', async () => {
    const before = (await rt.store.getWindow('credit', t0))!;
    const oldDeltas = before.deltas.length;
    const ref = await rt.app.inject({ method: 'PUT', url: '/v1/models/credit/reference', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(3000, 77, 0, t0 - 24 * H) });
    expect(ref.statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post(300 + i)).statusCode).toBe(202);
    await rt.service.settle(); // the third batch may have started a compaction on its own
    expect((await rt.service.compactWindow('credit', t0)).left).toBe(oldDeltas);
    const after = (await rt.store.getWindow('credit', t0))!;
    expect(after.deltas).toHaveLength(oldDeltas);
    expect(after.rows).toBe(before.rows + 600);
    const report = await compare();
    expect(report.current.rows).toBe(600);
    expect(report.rows_other_reference).toBe(before.rows);
  });
});

describe('window compaction that fell behind', () => {
  let small: Runtime;
  let uncompacted: unknown;
  beforeAll(async () => {
    // Compactions of at most 3 deltas, started at 2: a window that holds 10 is caught up in runs.
    small = await withReference({ compaction: { compactAfter: 2, compactMax: 3 } });
    // The comparison of ten batches (tenDeltas) read as ten deltas, nothing compacted.
    const wide = await tenDeltas(1000);
    try {
      uncompacted = await compareIn(wide);
      expect((await wide.store.getWindow('credit', t0))!.deltas).toHaveLength(10);
    } finally {
      await wide.close();
    }
  });
  afterAll(async () => {
    await small.close();
  });
  const postTo = (r: Runtime, seed: number) =>
    r.app.inject({ method: 'POST', url: '/v1/models/credit/batches', headers: { 'content-type': ARROW_STREAM }, payload: batchBytes(200, seed, 0.3, t0) });
  const compareIn = async (r: Runtime) => (await r.app.inject({ method: 'POST', url: '/v1/models/credit/comparisons', payload: { window } })).json();

  /** A runtime that compacts only when told (or when a comparison finds a window behind), with ten batches in the window. */
  const tenDeltas = async (compactMax: number) => {
    const r = await withReference({ compaction: { compactAfter: 1000, compactMax } });
    for (let i = 0; i < 10; i++) expect((await postTo(r, 700 + i)).statusCode).toBe(202);
    return r;
  };

  it('folds at most compactMax deltas per run, oldest first, and the comparison is unchanged', async () => {
    // The store directly (no background compaction): ten deltas in the window.
    const sketched = await tenDeltas(3);
    try {
      const all = uncompacted;
      const seqs = (await sketched.store.getWindow('credit', t0))!.deltas.map((d) => d.seq);
      expect(seqs).toHaveLength(10);
      const slice = (await sketched.store.getWindowInBackground('credit', t0, { skip: 2, max: 3 }))!;
      expect(slice.deltas.map((d) => d.seq)).toEqual(seqs.slice(2, 5));
      expect(slice.deltas.every((d) => d.sketch.length > 0)).toBe(true);
      expect([slice.before, slice.after]).toEqual([2, 5]);
      // In runs of three, as the background loop does.
      for (const more of [7, 4, 1]) expect(await sketched.service.compactWindow('credit', t0)).toMatchObject({ folded: 3, left: 0, more });
      expect(await sketched.service.compactWindow('credit', t0)).toMatchObject({ folded: 1, left: 0, more: 0 });
      expect((await sketched.store.getWindow('credit', t0))!.deltas).toHaveLength(0);
      expect(await compareIn(sketched)).toEqual(all);
    } finally {
      await sketched.close();
    }
  });

  it('catches a window up before a comparison reads it, so it reads at most compactMax deltas, with the same report', async () => {
    const behind = await tenDeltas(3);
    try {
      const reads: number[] = [];
      const listWindows = behind.store.listWindows.bind(behind.store);
      behind.store.listWindows = async (model, range) => {
        const windows = await listWindows(model, range);
        reads.push(...windows.map((w) => w.deltas.length));
        return windows;
      };
      const moved: ArrayBuffer[] = [];
      const run = behind.pool.run.bind(behind.pool);
      behind.pool.run = (async (task: { kind?: string }, transfer?: ArrayBuffer[], options?: { background?: boolean }) => {
        if (task.kind === 'compare') moved.push(...(transfer ?? []));
        return run(task, transfer, options);
      }) as typeof behind.pool.run;
      expect(await compareIn(behind)).toEqual(uncompacted);
      // The blobs read went to the worker moved, not copied: detached here.
      expect(moved.length).toBeGreaterThan(0);
      expect(moved.every((b) => b.byteLength === 0)).toBe(true);
      expect(reads).toHaveLength(1);
      expect(reads[0]).toBeLessThanOrEqual(3);
      const w = (await behind.store.getWindow('credit', t0))!;
      expect(w.rows).toBe(2000);
      expect(w.deltas.length).toBe(reads[0]);
    } finally {
      await behind.close();
    }
  });

  it('catches a window up in the background, however many deltas it holds', async () => {
    for (let i = 0; i < 10; i++) expect((await postTo(small, 800 + i)).statusCode).toBe(202);
    await small.service.settle();
    const w = (await small.store.getWindow('credit', t0))!;
    expect(w.rows).toBe(2000);
    expect(w.deltas.length).toBeLessThan(2);
    expect((await compareIn(small)).current.rows).toBe(2000);
  });

  it('counts the window again when deltas were appended while a run was in flight', async () => {
    const gated = await withReference({ compaction: { compactAfter: 2, compactMax: 3 } });
    try {
      // The first compaction waits, after its read, until three more batches have landed.
      let open!: () => void;
      const gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      let reached!: () => void;
      const held = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const run = gated.pool.run.bind(gated.pool);
      let first = true;
      gated.pool.run = (async (task: { kind?: string }, transfer?: ArrayBuffer[], options?: { background?: boolean }) => {
        if (task.kind === 'compact' && first) {
          first = false;
          reached();
          await gate;
        }
        return run(task, transfer, options);
      }) as typeof gated.pool.run;
      for (let i = 0; i < 2; i++) expect((await postTo(gated, 900 + i)).statusCode).toBe(202);
      await held;
      for (let i = 2; i < 5; i++) expect((await postTo(gated, 900 + i)).statusCode).toBe(202);
      open();
      await gated.service.settle();
      const w = (await gated.store.getWindow('credit', t0))!;
      expect(w.rows).toBe(1000);
      // The held run folded the two it read; the three that came meanwhile are folded too, not left for the next append.
      expect(w.deltas).toHaveLength(0);
    } finally {
      await gated.close();
    }
  });
});
