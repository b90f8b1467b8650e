/**
 * The bounded row sample of windows (bottom-k by priority): merges are the
 * bottom k of the union in any order and grouping, the size is bounded,
 * pruning with a sketcher's local threshold changes nothing, only complete
 * rows are kept, and blobs and profiles from before samples still read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { windowMultivariateSection } from '../../src/engine/multivariate-section.js';
import { decodeContainer, encodeContainer } from '../../src/sketches/binary-container.js';
import { deserializeProfile, serializeProfile } from '../../src/sketches/profile-codec.js';
import { buildReferenceProfile, type ProfilePlan } from '../../src/sketches/reference-profile.js';
import {
  BatchSampler,
  batchSeed,
  createRowSample,
  mergeRowSampleInto,
  type RowSample,
  rowPriority,
  SampleThresholds,
  sampleColumns,
  sampleRowsOf,
  sampleTable,
  sampleValue,
} from '../../src/sketches/row-sample.js';
import { sketchBatch } from '../../src/sketches/sketch-batch.js';
import { deserializeWindow, mergeSerializedInto, serializeWindow } from '../../src/sketches/window-codec.js';
import { createWindowSketch, mergeWindowInto, mergeWindows, windowFromJSON, windowToJSON } from '../../src/sketches/window-sketch.js';
import { normals, numericColumn, rng, shuffled, table } from './helpers.js';

const K = 500;

function columns(n: number, seed: number) {
  const r = rng(seed);
  const x = normals(n, seed);
  const y = normals(n, seed + 1);
  const validY = new Uint8Array(n).map(() => (r() < 0.05 ? 0 : 1));
  x[7] = Number.NaN;
  x[11] = Number.POSITIVE_INFINITY;
  y[3] = -0;
  return [
    { values: x, valid: null },
    { values: y, valid: validY },
  ];
}

/** Each row of a batch with its priority, complete rows only: what bottom-k of a union is computed from. */
function allRows(batches: ReturnType<typeof columns>[]): { p: number; v: number[] }[] {
  const out: { p: number; v: number[] }[] = [];
  for (const cols of batches) {
    const n = cols[0].values.length;
    const seed = batchSeed(cols, n);
    for (let i = 0; i < n; i++) {
      const v = cols.map((c) => sampleValue(c.values[i]));
      if (cols.some((c) => !Number.isFinite(c.values[i]) || (c.valid !== null && c.valid[i] === 0))) continue;
      out.push({ p: rowPriority(seed, i), v });
    }
  }
  return out.sort((a, b) => a.p - b.p);
}

function sampleOf(cols: ReturnType<typeof columns>, limit = Number.POSITIVE_INFINITY, k = K): RowSample {
  return sampleTable(createRowSample(2, k), cols, cols[0].values.length, limit);
}

const rowsOf = (s: RowSample) => Array.from({ length: s.size }, (_, r) => ({ p: s.priorities[r], v: [s.values[2 * r], s.values[2 * r + 1]] }));

describe('row sample: bottom-k by priority', () => {
  const batches = [columns(300, 1), columns(700, 2), columns(50, 3), columns(1200, 4), columns(400, 5)];
  const samples = batches.map((b) => sampleOf(b));

  it('keeps a batch\'s k smallest-priority complete rows, sorted, -0 as 0', () => {
    const big = samples[3];
    expect(big.size).toBe(K);
    expect(rowsOf(big)).toEqual(allRows([batches[3]]).slice(0, K));
    const small = samples[2];
    expect(small.size).toBe(allRows([batches[2]]).length);
    for (let r = 1; r < big.size; r++) expect(big.priorities[r]).toBeGreaterThan(big.priorities[r - 1]);
    for (const v of samples[0].values.subarray(0, 2 * samples[0].size)) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Object.is(v, -0)).toBe(false);
    }
  });

  it('merge(a, b) is the bottom k of a ∪ b, in any order and grouping, and never holds more than k', () => {
    const expected = allRows(batches).slice(0, K);
    for (const seed of [1, 2, 3, 4]) {
      const target = createRowSample(2, K);
      for (const s of shuffled(samples, seed)) {
        mergeRowSampleInto(target, sampleRowsOf(s));
        expect(target.size).toBeLessThanOrEqual(K);
      }
      expect(rowsOf(target)).toEqual(expected);
    }
    const left = mergeRowSampleInto(mergeRowSampleInto(createRowSample(2, K), sampleRowsOf(samples[4])), sampleRowsOf(samples[0]));
    const right = mergeRowSampleInto(mergeRowSampleInto(createRowSample(2, K), sampleRowsOf(samples[2])), sampleRowsOf(samples[3]));
    mergeRowSampleInto(right, sampleRowsOf(samples[1]));
    expect(rowsOf(mergeRowSampleInto(left, sampleRowsOf(right)))).toEqual(expected);
  });

  it('breaks priority ties by the values, so merges stay order independent', () => {
    const a = { size: 2, priorities: Float64Array.of(5, 9), values: Float64Array.of(2, 0, 1, 1) };
    const b = { size: 2, priorities: Float64Array.of(5, 7), values: Float64Array.of(1, 3, 0, 0) };
    const ab = mergeRowSampleInto(mergeRowSampleInto(createRowSample(2, 3), a), b);
    const ba = mergeRowSampleInto(mergeRowSampleInto(createRowSample(2, 3), b), a);
    expect(rowsOf(ab)).toEqual([
      { p: 5, v: [1, 3] },
      { p: 5, v: [2, 0] },
      { p: 7, v: [0, 0] },
    ]);
    expect(rowsOf(ba)).toEqual(rowsOf(ab));
  });

  it('merges in place like sorting both sides and keeping the k smallest: long and short runs, ties, a full target', () => {
    const r = rng(31);
    // Width 3; priorities from a small range so ties are common (broken by values, some rows equal).
    const byRow = (x: { p: number; v: number[] }, y: { p: number; v: number[] }) => x.p - y.p || x.v[0] - y.v[0] || x.v[1] - y.v[1] || x.v[2] - y.v[2];
    // A sample's rows ascend by (priority, values).
    const rowsOfSize = (n: number) => {
      const rows = Array.from({ length: n }, () => ({ p: Math.floor(r() * 400), v: [0, 1, 2].map(() => Math.floor(r() * 3)) })).sort(byRow);
      return { size: n, priorities: Float64Array.from(rows, (x) => x.p), values: Float32Array.from(rows.flatMap((x) => x.v)) };
    };
    const naive = (a: { p: number; v: number[] }[], b: { p: number; v: number[] }[], k: number) => [...a, ...b].sort(byRow).slice(0, k);
    const rows3 = (s: { size: number; priorities: ArrayLike<number>; values: ArrayLike<number> }) =>
      Array.from({ length: s.size }, (_, i) => ({ p: s.priorities[i], v: [s.values[3 * i], s.values[3 * i + 1], s.values[3 * i + 2]] }));
    for (const [nt, no, k] of [
      [300, 2, 400], // long runs of target rows between few others (copyWithin)
      [300, 280, 400], // short runs (element by element), the target overflowing
      [0, 50, 40],
      [120, 0, 400],
      [400, 400, 400],
    ]) {
      const target = createRowSample(3, k);
      const first = rowsOfSize(Math.min(nt, k));
      mergeRowSampleInto(target, first);
      const other = rowsOfSize(no);
      const expected = naive(rows3(first), rows3(other), k);
      expect(rows3(mergeRowSampleInto(target, other))).toEqual(expected);
    }
  });

  it('keeps values as float32 (-0 as 0, held in range) and breaks ties on the float32 values, whatever the input width', () => {
    expect(sampleValue(0.1)).toBe(Math.fround(0.1));
    expect(Object.is(sampleValue(-1e-50), 0)).toBe(true);
    expect(sampleValue(1e300)).toBe(3.4028234663852886e38);
    expect(sampleValue(-1e300)).toBe(-3.4028234663852886e38);
    // 1 and 1 + 2^-40 are one float32: rows that differ only there tie, and any merge order gives the same bits.
    const a = { size: 2, priorities: Float64Array.of(5, 9), values: Float64Array.of(1 + 2 ** -40, 0.1, 1, 1) };
    const b = { size: 2, priorities: Float64Array.of(5, 7), values: Float64Array.of(1, 0.1, -1e-50, 0) };
    const ab = mergeRowSampleInto(mergeRowSampleInto(createRowSample(2, 3), a), b);
    const ba = mergeRowSampleInto(mergeRowSampleInto(createRowSample(2, 3), b), a);
    expect(ab.values).toBeInstanceOf(Float32Array);
    expect(Buffer.from(ba.values.buffer).equals(Buffer.from(ab.values.buffer))).toBe(true);
    expect(rowsOf(ab)).toEqual([
      { p: 5, v: [1, Math.fround(0.1)] },
      { p: 5, v: [1, Math.fround(0.1)] },
      { p: 7, v: [0, 0] },
    ]);
    expect(Object.is(ab.values[4], 0)).toBe(true);
  });

  it('pruning with each sketcher\'s own threshold emits far fewer rows and leaves the merged sample unchanged', () => {
    // 40 batches of one window, sketched by two workers in an arbitrary order.
    const many = Array.from({ length: 40 }, (_, i) => columns(400, 100 + i));
    const unpruned = createRowSample(2, K);
    for (const b of many) mergeRowSampleInto(unpruned, sampleRowsOf(sampleOf(b)));
    const workers = [new SampleThresholds(), new SampleThresholds()];
    const r = rng(9);
    const pruned = createRowSample(2, K);
    let emitted = 0;
    for (const b of shuffled(many, 3)) {
      const w = workers[r() < 0.5 ? 0 : 1];
      const s = sampleOf(b, w.threshold('window', K));
      w.observe('window', s);
      emitted += s.size;
      mergeRowSampleInto(pruned, sampleRowsOf(s));
    }
    expect(rowsOf(pruned)).toEqual(rowsOf(unpruned));
    expect(rowsOf(pruned)).toEqual(allRows(many).slice(0, K));
    const full = many.reduce((n, b) => n + Math.min(K, allRows([b]).length), 0);
    expect(emitted).toBeLessThan(full / 3);
  });

  it('a threshold counts a batch sketched twice once, forgets the least recently used window, and is per window', () => {
    const t = new SampleThresholds(2);
    expect(t.threshold('a', K)).toBe(Number.POSITIVE_INFINITY);
    const s = sampleOf(columns(2000, 7));
    t.observe('a', s);
    expect(t.threshold('a', K)).toBe(s.priorities[K - 1]);
    const half = sampleOf(columns(300, 8)); // ~280 complete rows: twice that would pass k
    const u = new SampleThresholds(2);
    u.observe('a', half);
    u.observe('a', half); // a retry: the same priorities again
    expect(u.threshold('a', K)).toBe(Number.POSITIVE_INFINITY);
    t.observe('b', s);
    t.observe('c', s);
    expect(t.size).toBe(2);
    expect(t.threshold('a', K)).toBe(Number.POSITIVE_INFINITY);
    expect(t.threshold('b', K)).toBe(s.priorities[K - 1]);
  });

  it('turns row-major rows into columns', () => {
    const s = samples[0];
    const [x, y] = sampleColumns(s.values, s.size, 2);
    expect(x.length).toBe(s.size);
    expect(x[3]).toBe(s.values[6]);
    expect(y[3]).toBe(s.values[7]);
  });
});

const plan: ProfilePlan = {
  features: [
    { name: 'x', kind: 'numerical', method: 'auto', threshold: null },
    { name: 'c', kind: 'categorical', method: 'auto', threshold: null },
    { name: 'y', kind: 'numerical', method: 'auto', threshold: null },
  ],
  psiBins: 10,
  driftShare: 0.5,
};

function mixed(n: number, seed: number) {
  const cols = columns(n, seed);
  return table(`t${seed}`, [
    numericColumn('x', cols[0].values),
    { kind: 'numerical', name: 'c', arrowType: 'float64', length: n, values: new Float64Array(n).map((_, i) => i % 3), valid: null },
    numericColumn('y', cols[1].values, cols[1].valid),
  ]);
}

describe('row samples in profiles and windows', () => {
  const profile = buildReferenceProfile(mixed(3000, 1), plan, { sampleRows: K });

  it('the profile samples its numerical features (in plan order) and round-trips them', () => {
    expect(profile.sample?.features).toEqual(['x', 'y']);
    expect(profile.sample?.rows).toBe(K);
    const back = deserializeProfile(serializeProfile(profile));
    expect(back.id).toBe(profile.id);
    expect(back.sample?.values).toEqual(profile.sample?.values);
    expect(buildReferenceProfile(mixed(3000, 1), plan, { sampleRows: 100 }).id).not.toBe(profile.id);
    // fewer than two numerical features: no sample, and none in its windows
    const one = buildReferenceProfile(mixed(300, 1), { ...plan, features: plan.features.slice(0, 2) });
    expect(one.sample).toBeNull();
    expect(one.options.sampleRows).toBe(0);
    expect(createWindowSketch(one).sample).toBeNull();
  });

  it('windows fold their batches\' samples; codec, JSON and straight-from-bytes merges keep them', () => {
    const parts = [mixed(700, 2), mixed(200, 3), mixed(900, 4)].map((t) => sketchBatch(profile, t));
    const w = createWindowSketch(profile);
    for (const p of parts) mergeWindowInto(profile, w, p);
    expect(w.sample?.size).toBe(K);
    expect(rowsOf(w.sample as RowSample)).toEqual(allRows([2, 3, 4].map((s) => columns([700, 200, 900][s - 2], s))).slice(0, K));
    const bytes = serializeWindow(w);
    expect(Buffer.from(serializeWindow(deserializeWindow(bytes, profile))).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(serializeWindow(windowFromJSON(JSON.parse(JSON.stringify(windowToJSON(w))), profile))).equals(Buffer.from(bytes))).toBe(true);
    const viaBytes = createWindowSketch(profile);
    for (const p of [parts[2], parts[0], parts[1]]) mergeSerializedInto(profile, viaBytes, serializeWindow(p, { prefix: 5 }).subarray(5));
    // another order: the sample is the same bit for bit (the moments only up to summation order)
    expect(viaBytes.sample?.priorities).toEqual(w.sample?.priorities);
    expect(viaBytes.sample?.values).toEqual(w.sample?.values);
    expect(mergeWindows(profile, parts[1], parts[1]).sample?.size).toBe(2 * (parts[1].sample?.size ?? 0)); // 200 rows, twice: under k
  });

  it('a window blob of version 2 (before samples) reads as a window with an empty sample', () => {
    const w = sketchBatch(profile, mixed(700, 2));
    const raw = decodeContainer(serializeWindow(w), 'DGWS', 5) as Record<string, unknown>;
    delete raw.sample;
    const old = encodeContainer('DGWS', 2, raw);
    const back = deserializeWindow(old, profile);
    expect(back.sample?.size).toBe(0);
    expect(back.rows).toBe(700);
    const target = createWindowSketch(profile);
    mergeSerializedInto(profile, target, old);
    expect(target.sample?.size).toBe(0);
    expect(target.rows).toBe(700);
  });

  it('refuses a sample that does not fit the profile, before changing anything', () => {
    const w = sketchBatch(profile, mixed(700, 2));
    const raw = decodeContainer(serializeWindow(w), 'DGWS', 5) as { sample: { size: number; values: Float32Array } };
    raw.sample.values = raw.sample.values.subarray(1);
    const bad = encodeContainer('DGWS', 4, raw);
    expect(() => deserializeWindow(bad, profile)).toThrow(RangeError);
    const target = createWindowSketch(profile);
    expect(() => mergeSerializedInto(profile, target, bad)).toThrow(/row sample/);
    expect(target.rows).toBe(0);
  });

  it('writes float32 samples (window v4 and later, profile v3) and reads the float64 ones of window v3 and profile v2, rounded', () => {
    const parts = [mixed(700, 2), mixed(900, 4)].map((t) => sketchBatch(profile, t));
    const bytes = serializeWindow(parts[1]);
    const raw = decodeContainer(bytes, 'DGWS', 5) as { sample: { values: Float32Array } };
    expect(raw.sample.values).toBeInstanceOf(Float32Array);
    // a version 3 blob: the same rows with float64 values (as they were sampled then, unrounded)
    const cols = columns(900, 4);
    const wide = Float64Array.from(raw.sample.values);
    const priorities = (parts[1].sample as RowSample).priorities;
    const exact = (() => {
      const n = 900;
      const seed = batchSeed(cols, n);
      const at = new Map<number, number>();
      for (let i = 0; i < n; i++) at.set(rowPriority(seed, i), i);
      return wide.map((_, t) => cols[t % 2].values[at.get(priorities[Math.floor(t / 2)]) as number] + 0);
    })();
    expect(exact.some((v, t) => v !== wide[t])).toBe(true);
    const v3 = encodeContainer('DGWS', 3, { ...raw, sample: { ...raw.sample, values: exact } });
    const back = deserializeWindow(v3, profile);
    expect(back.sample?.values).toBeInstanceOf(Float32Array);
    expect(Buffer.from(serializeWindow(back)).equals(Buffer.from(bytes))).toBe(true);
    const a = createWindowSketch(profile);
    mergeSerializedInto(profile, a, serializeWindow(parts[0]));
    mergeSerializedInto(profile, a, v3);
    const b = createWindowSketch(profile);
    mergeSerializedInto(profile, b, bytes);
    mergeSerializedInto(profile, b, serializeWindow(parts[0]));
    expect(a.sample?.values).toEqual(b.sample?.values);
    expect(a.sample?.priorities).toEqual(b.sample?.priorities);
    // profile v2: float64 sample values, read rounded; the id does not depend on the sample
    const praw = decodeContainer(serializeProfile(profile), 'DGRP', 3) as { sample: { values: Float32Array } };
    expect(praw.sample.values).toBeInstanceOf(Float32Array);
    const v2 = encodeContainer('DGRP', 2, { ...praw, sample: { ...praw.sample, values: Float64Array.from(praw.sample.values, (v) => v * (1 + 2 ** -40)) } });
    const old = deserializeProfile(v2);
    expect(old.id).toBe(profile.id);
    expect(old.sample?.values).toBeInstanceOf(Float32Array);
    expect(old.sample?.values).toEqual(profile.sample?.values);
  });

  it('reads the blobs of the build before samples: profile v1 (same id, no sample) and window v2', async () => {
    const profileV1 = readFileSync(new URL('./fixtures/v1-profile.bin', import.meta.url));
    const windowV2 = readFileSync(new URL('./fixtures/v2-window.bin', import.meta.url));
    const old = deserializeProfile(profileV1);
    expect(old.id).toBe('d0fcf1084453d2a3');
    expect(old.sample).toBeNull();
    expect(old.options.sampleRows).toBe(0);
    const w = deserializeWindow(windowV2, old);
    expect(w.rows).toBe(150);
    expect(w.sample).toBeNull();
    // the same data profiled now without a sample, with that build's fine grids (1,024 then), has the same id as before
    const n = 200;
    const cols = (off: number) =>
      table('r', [
        numericColumn('x', new Float64Array(n).map((_, i) => (i + off) % 7)),
        numericColumn('y', new Float64Array(n).map((_, i) => ((i + off) * 3) % 5)),
      ]);
    const again = buildReferenceProfile(cols(0), { features: [plan.features[0], plan.features[2]], psiBins: 10, driftShare: 0.5 }, { sampleRows: 0, grid: 1024, uniform: 1024 });
    expect(again.id).toBe(old.id);
    // its window report's multivariate section is an error entry asking for the reference again, without TF.js
    const section = await windowMultivariateSection(old, mergeWindowInto(old, createWindowSketch(old), w), {
      tf: () => Promise.reject(new Error('TF.js must not load')),
    });
    expect(section).toMatchObject({ features: ['x', 'y'], pca_reconstruction: null, domain_classifier: null });
    expect(section?.errors?.[0]).toMatchObject({ code: 'DRIFTGAUGE_ERR_STAT_UNDEFINED' });
    expect(section?.errors?.[0].message).toMatch(/upload the reference again/);
  });
});

describe('BatchSampler: columns gathered while hot or read at the end, the same sample', () => {
  it('gives bottom-k of the complete rows either way, in any gathering order, with or without a limit', () => {
    for (const [n, seed] of [
      [300, 11],
      [1200, 12],
      [1, 13],
    ]) {
      const cols = columns(n, seed);
      const expected = allRows([cols]);
      for (const limit of [Number.POSITIVE_INFINITY, expected[Math.min(40, expected.length - 1)]?.p ?? 0]) {
        const want = expected.filter((r) => r.p <= limit).slice(0, 100);
        const atEnd = new BatchSampler(createRowSample(2, 100), cols, n, limit, 0).finish();
        const whole = new BatchSampler(createRowSample(2, 100), cols, n, limit).finish();
        const sampler = new BatchSampler(createRowSample(2, 100), cols, n, limit);
        sampler.gather(1);
        sampler.gather(1);
        const reversed = sampler.finish(); // column 0 gathered by finish
        for (const s of [atEnd, whole, reversed]) {
          expect(rowsOf(s)).toEqual(want.map((r) => ({ p: r.p, v: r.v })));
          expect(s.values.subarray(0, 2 * s.size)).toEqual(atEnd.values.subarray(0, 2 * atEnd.size));
        }
      }
    }
  });
});

