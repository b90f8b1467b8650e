import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/arrow/columns.js';
import { decodeContainer, encodeContainer } from '../../src/sketches/binary-container.js';
import { deserializeProfile, serializeProfile } from '../../src/sketches/profile-codec.js';
import { buildReferenceProfile, type ProfilePlan } from '../../src/sketches/reference-profile.js';
import { sketchBatch } from '../../src/sketches/sketch-batch.js';
import { deserializeWindow, mergeSerializedInto, serializeWindow } from '../../src/sketches/window-codec.js';
import {
  cloneWindow,
  createWindowSketch,
  mergeWindowInto,
  mergeWindows,
  resetWindowSketch,
  type WindowSketch,
  windowFromJSON,
  windowToJSON,
} from '../../src/sketches/window-sketch.js';
import { categorical, numeric } from '../helpers/tables.js';
import { expectSketchEqual } from './expect-sketch.js';
import { batches, DISTRIBUTIONS, normals, numericColumn, rng, shuffled, table } from './helpers.js';

function mixedTable(source: string, n: number, seed: number, drift: number): ColumnarTable {
  const r = rng(seed);
  const withNulls = normals(n, seed + 1, drift);
  const valid = new Uint8Array(n).map(() => (r() < 0.03 ? 0 : 1));
  withNulls[3] = Number.NaN;
  withNulls[4] = Number.NEGATIVE_INFINITY;
  const y = Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
  return table(source, [
    numericColumn('normal', DISTRIBUTIONS.normal(n, seed + 2, drift)),
    numericColumn('tied', DISTRIBUTIONS.tied(n, seed + 3, drift)),
    numericColumn('discrete', DISTRIBUTIONS.discrete(n, seed + 4, drift)),
    numericColumn('nulls', withNulls, valid),
    categorical('country', Array.from({ length: n }, () => (r() < 0.02 ? null : `c${Math.floor(r() * r() * (30 + 10 * drift))}`))),
    categorical('user', Array.from({ length: n }, (_, i) => `u${seed}-${i % 5000}`)),
    numeric('code', Array.from({ length: n }, () => Math.floor(r() * 5))),
    numeric('label', y),
    numeric('pred', y.map((v) => (r() < 0.85 ? v : 1 - v))),
    numeric('proba', y.map((v) => Math.min(1, Math.max(0, 0.3 + 0.4 * v + 0.25 * (r() - 0.5))))),
  ]);
}

const plan: ProfilePlan = {
  features: [
    { name: 'normal', kind: 'numerical', method: 'auto', threshold: null },
    { name: 'tied', kind: 'numerical', method: 'auto', threshold: null },
    { name: 'discrete', kind: 'numerical', method: 'auto', threshold: null },
    { name: 'nulls', kind: 'numerical', method: 'ks', threshold: 0.01 },
    { name: 'country', kind: 'categorical', method: 'auto', threshold: null },
    { name: 'user', kind: 'categorical', method: 'auto', threshold: null },
    { name: 'code', kind: 'categorical', method: 'auto', threshold: null },
  ],
  psiBins: 10,
  driftShare: 0.5,
  model: { task: 'binary', target: 'label', prediction: 'pred', score: 'proba', positiveKey: '1', reference: { rows: 1, roc_auc: Number.NaN } },
};

/**
 * Every part of a window but its row sample, which is no function of the rows alone: a row's
 * priority comes from its batch (row-sample.test.ts checks merges of samples).
 */
const unsampled = (w: WindowSketch) => ({ ...w, sample: null });

describe('window sketches', () => {
  const ref = mixedTable('ref', 20_000, 1, 0);
  const profile = buildReferenceProfile(ref, plan, { maxCategories: 64 });
  const cur = mixedTable('cur', 30_000, 2, 1);
  const parts = batches(cur, 7_000).map((b) => sketchBatch(profile, b));
  const whole = sketchBatch(profile, cur);

  it('folds batches into the sketch of the whole window, in any order and grouping', () => {
    expect(parts.length).toBe(5);
    const samples: Uint8Array[] = [];
    for (const seed of [1, 2, 3]) {
      const w = createWindowSketch(profile);
      for (const p of shuffled(parts, seed)) mergeWindowInto(profile, w, p);
      expectSketchEqual(unsampled(w), unsampled(whole));
      samples.push(serializeWindow({ ...createWindowSketch(profile), sample: w.sample }));
    }
    const left = mergeWindows(profile, mergeWindows(profile, parts[0], parts[1]), parts[2]);
    const right = mergeWindows(profile, parts[3], parts[4]);
    const grouped = mergeWindows(profile, right, left);
    expectSketchEqual(unsampled(grouped), unsampled(whole));
    samples.push(serializeWindow({ ...createWindowSketch(profile), sample: grouped.sample }));
    // the row samples agree bit for bit whatever the order and grouping, and hold k rows
    for (const s of samples) expect(Buffer.from(s).equals(Buffer.from(samples[0]))).toBe(true);
    expect(grouped.sample?.size).toBe(10_000);
    expect(whole.rows).toBe(30_000);
    // the states that matter are reached: exact and dropped distinct values, exact and collapsed categories
    expect((whole.features.discrete as { distinct: unknown }).distinct).not.toBeNull();
    expect((whole.features.tied as { distinct: unknown }).distinct).toBeNull();
    expect((whole.features.user as { counts: unknown }).counts).toBeNull();
    expect((whole.features.country as { counts: unknown }).counts).not.toBeNull();
  });

  it('round-trips a window through the binary codec and JSON', () => {
    // byte equality of re-serialized windows is strict and fast; toEqual on the smaller ones checks the objects
    for (const w of [whole, parts[4], createWindowSketch(profile)]) {
      const bytes = serializeWindow(w);
      expect(Buffer.from(serializeWindow(deserializeWindow(bytes, profile))).equals(Buffer.from(bytes))).toBe(true);
      const viaJson = windowFromJSON(JSON.parse(JSON.stringify(windowToJSON(w))), profile);
      expect(Buffer.from(serializeWindow(viaJson)).equals(Buffer.from(bytes))).toBe(true);
    }
    expect(deserializeWindow(serializeWindow(parts[4]), profile).features.user).toEqual(parts[4].features.user);
    expect(deserializeWindow(serializeWindow(whole), profile).model).toEqual(whole.model);
  });

  it('round-trips the profile (sorted values, edges, counts, lookups rebuilt) and keeps its id', () => {
    const bytes = serializeProfile(profile);
    const back = deserializeProfile(bytes);
    expect(back.id).toBe(profile.id);
    expect(Buffer.from(serializeProfile(back)).equals(Buffer.from(bytes))).toBe(true);
    for (let i = 0; i < profile.features.length; i++) expect(back.features[i].layout).toEqual(profile.features[i].layout);
    expect(back.model?.layout).toEqual(profile.model?.layout);
    expect(back.plan.model?.reference?.roc_auc).toBeNaN();
    let bound = 200_000 + 8 * ((profile.model?.scoreEdges.length ?? 0) + 1) + 8 * (profile.sample?.values.length ?? 0);
    expect(profile.sample?.rows).toBe(10_000);
    expect(back.sample?.values).toEqual(profile.sample?.values);
    for (const f of profile.features) bound += f.kind === 'numerical' ? 8 * f.sorted.length + 3 * 8 * (f.edges.length + 1) : 0;
    expect(bytes.length).toBeLessThan(bound);
    const f0 = profile.features[0];
    if (f0.kind !== 'numerical') throw new Error('numerical first');
    const edges = f0.edges.slice();
    edges[100] = (edges[100] + edges[101]) / 2;
    const tampered = { ...profile, features: [{ ...f0, edges }, ...profile.features.slice(1)] };
    expect(() => deserializeProfile(serializeProfile(tampered))).toThrow(/fingerprint/);
  });

  it('refuses windows of another profile', () => {
    const other = buildReferenceProfile(mixedTable('ref2', 5_000, 9, 0), plan);
    expect(() => mergeWindowInto(profile, createWindowSketch(profile), createWindowSketch(other))).toThrow(/another|not/);
    expect(() => deserializeWindow(serializeWindow(createWindowSketch(other)), profile)).toThrow(/profile/);
  });

  it('does not grow with rows: a 30,000-row window serializes no larger than the dense bound, as a 7,000-row one', () => {
    const wide = serializeWindow(whole).length;
    const narrow = serializeWindow(parts[0]).length;
    const bins = profile.features.reduce((s, f) => s + (f.kind === 'numerical' ? f.edges.length + 1 : 0), 0);
    // the row sample: at most k rows of a priority and one value per numerical feature
    const sampleBound = 8 * profile.options.sampleRows * (1 + (profile.sample?.features.length ?? 0));
    const denseBound = bins * 2 * 8 + 64 * 8 * 2 + 3 * 4096 + 2 * 8 * ((profile.model?.scoreEdges.length ?? 0) + 1) + 64 * 1024 + sampleBound;
    expect(wide).toBeLessThan(denseBound);
    expect(narrow).toBeLessThan(denseBound);
    const bigger = sketchBatch(profile, mixedTable('cur', 120_000, 3, 1));
    expect(serializeWindow(bigger).length).toBeLessThan(denseBound);
    for (const [name, s] of Object.entries(bigger.features)) {
      const f = whole.features[name];
      if (s.kind === 'numerical' && f.kind === 'numerical') expect(s.counts.length).toBe(f.counts.length);
    }
  });

  it('stores mostly-zero count arrays sparse, and restores -0 and non-finite numbers', () => {
    const counts = new Float64Array(4000);
    counts[17] = 3;
    counts[3999] = -0;
    const blob = encodeContainer('TEST', 1, { counts, x: [Number.NaN, Number.POSITIVE_INFINITY, -0, 1], s: 'text' });
    expect(blob.length).toBeLessThan(200);
    const back = decodeContainer(blob, 'TEST', 1) as { counts: Float64Array; x: number[]; s: string };
    expect(back.counts).toEqual(counts);
    expect(Object.is(back.counts[3999], -0)).toBe(true);
    expect(back.x).toEqual([Number.NaN, Number.POSITIVE_INFINITY, 0, 1]);
    expect(() => decodeContainer(blob, 'DGWS', 1)).toThrow(/not a DGWS blob/);
    expect(() => decodeContainer(blob.subarray(0, 40), 'TEST', 1)).toThrow(/truncated/);
  });

  it('folds a serialized window straight from its bytes exactly as deserialize + merge does', () => {
    const viaObjects = createWindowSketch(profile);
    const viaBytes = createWindowSketch(profile);
    for (const p of parts) {
      mergeWindowInto(profile, viaObjects, deserializeWindow(serializeWindow(p), profile));
      // at an odd offset, as inside a window blob: the arrays are then not aligned in memory
      const bytes = serializeWindow(p, { prefix: 3 }).subarray(3);
      mergeSerializedInto(profile, viaBytes, bytes);
    }
    expect(Buffer.from(serializeWindow(viaBytes)).equals(Buffer.from(serializeWindow(viaObjects)))).toBe(true);
    expectSketchEqual(unsampled(viaBytes), unsampled(whole));
    expect(viaBytes.sample?.size).toBe(10_000);
    const other = buildReferenceProfile(mixedTable('ref2', 5_000, 9, 0), plan);
    const before = serializeWindow(viaBytes);
    expect(() => mergeSerializedInto(profile, viaBytes, serializeWindow(createWindowSketch(other)))).toThrow(/profile/);
    expect(Buffer.from(serializeWindow(viaBytes)).equals(Buffer.from(before))).toBe(true);
  });

  it('reads a window at any offset into arrays of its own (nothing left pointing into the bytes or scratch)', () => {
    const bytes = serializeWindow(parts[1], { prefix: 3 }).subarray(3);
    const first = deserializeWindow(bytes, profile);
    const expected = serializeWindow(first);
    expect(Buffer.from(expected).equals(Buffer.from(bytes))).toBe(true);
    bytes.fill(0xff, 64);
    deserializeWindow(serializeWindow(parts[2], { prefix: 5 }).subarray(5), profile);
    mergeSerializedInto(profile, createWindowSketch(profile), serializeWindow(parts[0], { prefix: 1 }).subarray(1));
    expect(Buffer.from(serializeWindow(first)).equals(Buffer.from(expected))).toBe(true);
  });

  it('stores bin counts as 8-, 16- or 32-bit integers when they fit, and reads back the same counts', () => {
    const w = cloneWindow(whole);
    const name = profile.features[0].name;
    const s = w.features[name];
    if (s.kind !== 'numerical') throw new Error('numerical first');
    const back = () => deserializeWindow(serializeWindow(w), profile).features[name] as typeof s;
    const countsOf = () => (decodeContainer(serializeWindow(w), 'DGWS', 5) as { features: Record<string, { counts: unknown }> }).features[name].counts;
    expect(Math.max(...s.counts)).toBeLessThan(256);
    expect(countsOf()).toBeInstanceOf(Uint8Array);
    expect(back().counts).toEqual(s.counts);
    const u8 = serializeWindow(w).length;
    s.counts[4] += 300; // past 8 bits: the feature's counts go 16-bit
    expect(countsOf()).toBeInstanceOf(Uint16Array);
    expect(back().counts).toEqual(s.counts);
    const u16 = serializeWindow(w).length;
    expect(u16).toBeGreaterThan(u8);
    s.counts[5] += 70_000; // past 16 bits: the feature's counts go 32-bit
    expect(countsOf()).toBeInstanceOf(Uint32Array);
    expect(back().counts).toEqual(s.counts);
    expect(serializeWindow(w).length).toBeGreaterThan(u16);
    s.counts[6] += 0.5; // not an integer: stored as float64, as ever
    expect(back().counts).toEqual(s.counts);
    s.counts[7] = 2 ** 33;
    expect(back().counts).toEqual(s.counts);
    // the prefix leaves room before the blob and changes nothing in it
    expect(Buffer.from(serializeWindow(w, { prefix: 5 }).subarray(5)).equals(Buffer.from(serializeWindow(w)))).toBe(true);
  });

  it('stores a batch delta with float32 offsets where dense, rounding each sum by at most 2^-24, everything else exact', () => {
    const batch = parts[0];
    const exact = serializeWindow(batch);
    const small = serializeWindow(batch, { float32Offsets: true });
    expect(small.length).toBeLessThan(exact.length);
    const back = deserializeWindow(small, profile);
    expect(unsampled({ ...back, features: {} })).toEqual(unsampled({ ...batch, features: {} }));
    expect(back.sample).toEqual(batch.sample);
    let rounded = 0;
    for (const f of profile.features) {
      const s = batch.features[f.name];
      const t = back.features[f.name];
      if (s.kind !== 'numerical' || t.kind !== 'numerical') {
        expect(t).toEqual(s);
        continue;
      }
      expect({ ...t, offsets: null }).toEqual({ ...s, offsets: null });
      for (let i = 0; i < s.offsets.length; i++) {
        expect(Math.abs(t.offsets[i] - s.offsets[i])).toBeLessThanOrEqual(2 ** -24 * s.offsets[i]);
        if (t.offsets[i] !== s.offsets[i]) rounded++;
      }
    }
    expect(rounded).toBeGreaterThan(0);
    // Merged from the bytes as from the window: the float32 sums are added into float64.
    const viaBytes = mergeSerializedInto(profile, createWindowSketch(profile), small);
    expect(Buffer.from(serializeWindow(viaBytes)).equals(Buffer.from(serializeWindow(back)))).toBe(true);
    // The prefix and the allocator change nothing in the blob.
    const at = new Uint8Array(small.length + 8);
    const placed = serializeWindow(batch, { prefix: 8, float32Offsets: true, alloc: (n) => at.subarray(0, n) });
    expect(placed.buffer).toBe(at.buffer);
    expect(Buffer.from(placed.subarray(8)).equals(Buffer.from(small))).toBe(true);
  });

  it('keeps float64 offsets where float32 would not pay or would lose more than 2^-24: few rows, huge or tiny sums', () => {
    const name = profile.features[0].name;
    const exactOffsets = (w: WindowSketch) => {
      const back = deserializeWindow(serializeWindow(w, { float32Offsets: true }), profile).features[name];
      const s = w.features[name];
      return back.kind === 'numerical' && s.kind === 'numerical' && back.offsets.every((v, i) => Object.is(v, s.offsets[i]));
    };
    // A batch of 40 rows: its offsets are sparse float64, smaller than float32 over every bin.
    expect(exactOffsets(sketchBatch(profile, batches(cur, 40)[0]))).toBe(true);
    const w = cloneWindow(parts[0]);
    const s = w.features[name];
    if (s.kind !== 'numerical') throw new Error('numerical first');
    expect(exactOffsets(w)).toBe(false);
    s.offsets[9] = 1e300; // a float32 infinity
    expect(exactOffsets(w)).toBe(true);
    s.offsets[9] = 1e-40; // a float32 subnormal: precision lost
    expect(exactOffsets(w)).toBe(true);
    // The other features are unaffected by one feature's choice.
    s.offsets[9] = 1;
    expect(exactOffsets(w)).toBe(false);
  });

  it('sketches into a reset window exactly as into a new one', () => {
    const scratch = createWindowSketch(profile);
    sketchBatch(profile, batches(cur, 7_000)[1], scratch);
    const again = sketchBatch(profile, batches(cur, 7_000)[2], resetWindowSketch(profile, scratch));
    expect(Buffer.from(serializeWindow(again)).equals(Buffer.from(serializeWindow(parts[2])))).toBe(true);
  });

  it('names the column when a batch lacks one or changes its kind', () => {
    const cols = cur.columns.filter((c) => c.name !== 'tied');
    expect(() => sketchBatch(profile, table('b', cols))).toThrow("batch has no column 'tied'");
    const swapped = cur.columns.map((c) => (c.name === 'normal' ? categorical('normal', ['a']) : c));
    expect(() => sketchBatch(profile, table('b', swapped))).toThrow(/'normal' is categorical/);
  });
});
