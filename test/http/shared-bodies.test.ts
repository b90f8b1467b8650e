/**
 * Request bodies in pooled shared memory (body-pool.ts): the worker writes a
 * single-window batch's delta over the body it has read, the store's writer
 * thread reads it from there, and the memory serves the next request once
 * the append settles. The deltas must be exactly those sketched in this
 * process from the same bytes, whether written over the body or not.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readTable } from '../../src/arrow/read-table.js';
import { writeTable } from '../../src/arrow/write-table.js';
import { syntheticArrow, syntheticBatch } from '../../src/demo/synthetic.js';
import { BODY_GRANULE, BodyPool } from '../../src/pool/body-pool.js';
import type { Runtime } from '../../src/service/runtime.js';
import { deserializeProfile } from '../../src/sketches/profile-codec.js';
import type { ReferenceProfile } from '../../src/sketches/reference-profile.js';
import { sketchBatch } from '../../src/sketches/sketch-batch.js';
import { serializeWindow } from '../../src/sketches/window-codec.js';
import { rowTime, splitByWindow } from '../../src/windows/split-by-window.js';
import { encodeSketchBlob } from '../../src/windows/window-blob.js';
import { ARROW_FILE, ARROW_STREAM, batchBytes, SYNTHETIC_SPEC, startRuntime } from './harness.js';

const H = 3_600_000;
const t0 = Date.UTC(2026, 10, 25, 10);
let rt: Runtime;
let profile: ReferenceProfile;

beforeAll(async () => {
  rt = await startRuntime();
  await rt.app.inject({ method: 'PUT', url: '/v1/models/shared', payload: SYNTHETIC_SPEC });
  const ref = await rt.app.inject({
    method: 'PUT',
    url: '/v1/models/shared/reference',
    headers: { 'content-type': ARROW_FILE },
    payload: batchBytes(3000, 1, 0, t0 - 24 * H, 'file'),
  });
  expect(ref.statusCode).toBe(200);
  profile = deserializeProfile((await rt.store.getReference('shared'))?.profile as Uint8Array);
});
afterAll(async () => {
  await rt.close();
});

const post = (body: Uint8Array, model = 'shared') =>
  rt.app.inject({ method: 'POST', url: `/v1/models/${model}/batches`, headers: { 'content-type': ARROW_STREAM }, payload: Buffer.from(body) });

/** Each window part's delta as sketched here: a window's first batch, so no row-sample pruning. */
function expectedDeltas(bytes: Uint8Array): Map<number, Uint8Array> {
  const table = readTable(bytes, 'expected');
  const parts = splitByWindow(table, H, rowTime(table, 'ts', Date.now()));
  return new Map(parts.map((p) => [p.start, encodeSketchBlob(profile.id, (prefix) => serializeWindow(sketchBatch(profile, p.table), { prefix, float32Offsets: true }))]));
}

async function storedDeltas(start: number): Promise<Uint8Array[]> {
  const w = await rt.store.getWindow('shared', start);
  return (w?.deltas ?? []).map((d) => new Uint8Array(d.sketch));
}

describe('batch bodies in shared memory', () => {
  it('stores a single-window delta written over the body, byte for byte the one sketched from the same bytes', async () => {
    const bytes = syntheticArrow(syntheticBatch(4000, 21, 0.3, t0 + 3 * H));
    const expected = expectedDeltas(bytes);
    expect([...expected.keys()]).toEqual([t0 + 3 * H]);
    // Against a body far smaller than its delta too: the delta goes to its own memory then.
    const small = syntheticArrow(syntheticBatch(40, 22, 0.3, t0 + 4 * H));
    const expectedSmall = expectedDeltas(small);
    expect((expectedSmall.get(t0 + 4 * H) as Uint8Array).byteLength).toBeGreaterThan(small.byteLength);
    expect((await post(bytes)).statusCode).toBe(202);
    expect((await post(small)).statusCode).toBe(202);
    expect(await storedDeltas(t0 + 3 * H)).toEqual([expected.get(t0 + 3 * H)]);
    expect(await storedDeltas(t0 + 4 * H)).toEqual([expectedSmall.get(t0 + 4 * H)]);
  });

  it('sketches a batch across two windows into deltas of their own, the body left as it was read', async () => {
    const bytes = syntheticArrow(syntheticBatch(3000, 23, 0.3, t0 + 6 * H, 2 * H));
    const expected = expectedDeltas(bytes);
    expect([...expected.keys()]).toEqual([t0 + 6 * H, t0 + 7 * H]);
    const r = await post(bytes);
    expect(r.statusCode).toBe(202);
    expect(r.json().windows).toHaveLength(2);
    expect(await storedDeltas(t0 + 6 * H)).toEqual([expected.get(t0 + 6 * H)]);
    expect(await storedDeltas(t0 + 7 * H)).toEqual([expected.get(t0 + 7 * H)]);
  });

  it('gives each body back once its append settled: the next batch reads into the same memory', async () => {
    const before = rt.service.bodies.stats();
    for (let i = 0; i < 4; i++) expect((await post(syntheticArrow(syntheticBatch(2000, 30 + i, 0, t0 + 9 * H)))).statusCode).toBe(202);
    const after = rt.service.bodies.stats();
    expect(after.allocated - before.allocated).toBeLessThanOrEqual(1);
    expect(after.reused - before.reused).toBeGreaterThanOrEqual(3);
    // Batches in flight together each hold their own memory until their own append settled.
    const together = await Promise.all(Array.from({ length: 6 }, (_, i) => post(syntheticArrow(syntheticBatch(2000, 40 + i, 0.5, t0 + 9 * H)))));
    expect(together.map((r) => r.statusCode)).toEqual(Array(6).fill(202));
    // The window holds the ten batches' rows, none of them garbled by a reused body.
    const c = await rt.app.inject({
      method: 'POST',
      url: '/v1/models/shared/comparisons',
      payload: { window: { start: new Date(t0 + 9 * H).toISOString(), end: new Date(t0 + 10 * H).toISOString() } },
    });
    expect(c.statusCode).toBe(200);
    expect(c.json().current.rows).toBe(20_000);
  });

  it('gives the memory of rejected batches back too: unknown model, not Arrow, columns that do not match', async () => {
    // Bodies of a size class no other test uses (five granules), so any memory not given back shows.
    const wrongColumns = writeTable({ other: new Float64Array(160_000) }, { format: 'stream' });
    const garbage = new Uint8Array(wrongColumns.length).fill(0x2c);
    const capacity = BodyPool.capacityFor(wrongColumns.length);
    expect(capacity).toBe(5 * BODY_GRANULE);
    const before = rt.service.bodies.stats();
    const codes: number[] = [];
    for (let i = 0; i < 2; i++) {
      codes.push((await post(garbage, 'nobody')).statusCode);
      codes.push((await post(garbage)).statusCode);
      codes.push((await post(wrongColumns)).statusCode);
    }
    expect(codes).toEqual([404, 400, 422, 404, 400, 422]);
    const after = rt.service.bodies.stats();
    expect(after.allocated - before.allocated).toBe(1);
    expect(after.reused - before.reused).toBe(5);
    expect(after.idleBytes - before.idleBytes).toBe(capacity);
  });

  it('gives the memory back when a request fails validation after its body was read (no handler ran)', async () => {
    const body = new Uint8Array(7 * BODY_GRANULE - 100).fill(0x2c); // a size class of its own
    const before = rt.service.bodies.stats();
    for (let i = 0; i < 3; i++) {
      const r = await post(body, '-bad-name-');
      expect(r.statusCode).toBe(400);
    }
    const after = rt.service.bodies.stats();
    expect(after.allocated - before.allocated).toBe(1);
    expect(after.idleBytes - before.idleBytes).toBe(7 * BODY_GRANULE);
  });

  it("keeps a body's memory until its own append settled, while the next batch arrives and is stored", async () => {
    const store = rt.store;
    const append = store.appendBatch;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let held = 0;
    store.appendBatch = async (args) => {
      if (held++ === 0) await gate;
      return append.call(store, args);
    };
    try {
      // Same size, so a body given back too early would be the next one's memory.
      const a = syntheticArrow(syntheticBatch(4000, 51, 0.3, t0 + 12 * H));
      const b = syntheticArrow(syntheticBatch(4000, 52, 0.3, t0 + 13 * H));
      const first = post(a);
      await vi.waitFor(() => expect(held).toBe(1));
      expect((await post(b)).statusCode).toBe(202);
      open();
      expect((await first).statusCode).toBe(202);
      expect(await storedDeltas(t0 + 12 * H)).toEqual([expectedDeltas(a).get(t0 + 12 * H)]);
      expect(await storedDeltas(t0 + 13 * H)).toEqual([expectedDeltas(b).get(t0 + 13 * H)]);
    } finally {
      store.appendBatch = append;
    }
  });
});
