import { describe, expect, it } from 'vitest';
import {
  addNumeric,
  createNumericSketch,
  mergeNumeric,
  type NumericLayout,
  type NumericSketch,
  numericLayout,
  numericMoments,
  numericSketchFromJSON,
  numericSketchToJSON,
} from '../../src/sketches/numeric-sketch.js';
import { countBinsSorted } from '../../src/stats/psi-bins.js';
import { diffSketch, expectSketchEqual } from './expect-sketch.js';
import { normals, rng } from './helpers.js';

const layoutOf = (edges: Float64Array, maxDistinct = 64): NumericLayout => numericLayout(edges, maxDistinct);
const sketchOf = (layout: NumericLayout, values: Float64Array, valid: Uint8Array | null = null): NumericSketch =>
  addNumeric(createNumericSketch(layout), layout, values, valid);

describe('numeric sketch', () => {
  const small = layoutOf(Float64Array.of(0, 1, 2));

  it('works the documented example by hand', () => {
    const s = sketchOf(small, Float64Array.of(-1, 0.5, 1, 1.5, 7, Number.NaN));
    expect(Array.from(s.counts)).toEqual([1, 1, 2, 1]);
    expect(Array.from(s.offsets)).toEqual([1, 0.5, 0.5, 5]);
    expect([s.count, s.missing, s.min, s.max]).toEqual([5, 1, -1, 7]);
    expect(s.mean).toBeCloseTo(1.8, 14);
    expect(s.m2).toBeCloseTo(37.3, 12);
    expect(s.distinct).toEqual({ values: Float64Array.of(-1, 0.5, 1, 1.5, 7), counts: Float64Array.of(1, 1, 1, 1, 1) });
  });

  it('bins like searchsorted(side="right") on both lookup grids, edges and ties included', () => {
    for (const [name, data] of [
      ['linear', normals(40_000, 8, 3, 2).map((v) => Math.round(v * 50) / 50)],
      ['bits', normals(40_000, 9, 0, 6).map((v) => Math.sign(v) * Math.exp(Math.abs(v)))],
    ] as const) {
      const sorted = Float64Array.from(data).sort();
      const edges = Float64Array.from(new Set(Array.from({ length: 700 }, (_, i) => sorted[Math.floor((i * sorted.length) / 700)])));
      const layout = layoutOf(edges);
      expect(layout.lookup.grid).toBe(name);
      const values = Float64Array.from([...data, ...edges, ...edges.map((e) => -e), 0, -0]);
      const s = sketchOf(layout, values);
      expect(Array.from(s.counts)).toEqual(Array.from(countBinsSorted(values.slice().sort(), { kind: 'edges', edges })));
    }
  });

  it('counts null, NaN and ±Infinity as missing and nowhere else', () => {
    const values = Float64Array.of(1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2, 3);
    const s = sketchOf(small, values, Uint8Array.of(1, 1, 1, 1, 0, 1));
    expect([s.count, s.missing]).toEqual([2, 4]);
    expect(Array.from(s.counts)).toEqual([0, 0, 1, 1]);
    expect([s.min, s.max]).toEqual([1, 3]);
    expect(s.distinct?.values).toEqual(Float64Array.of(1, 3));
  });

  it('skips missing rows wherever they are, first rows included, as if they were not there (bit for bit)', () => {
    const r = rng(11);
    const edges = Float64Array.from(normals(200, 12, 0).sort());
    for (const layout of [layoutOf(edges), layoutOf(Float64Array.from(edges, Math.exp))]) {
      const values = Float64Array.from(normals(3000, 13, 0.2), (x) => (layout.ext[1] > 0 ? Math.exp(x) : x));
      const valid = new Uint8Array(values.length).map(() => (r() < 0.1 ? 0 : 1));
      valid[0] = 0;
      valid[1] = 0;
      values[2] = Number.NaN;
      const kept = values.filter((x, i) => valid[i] === 1 && Number.isFinite(x));
      const withMissing = sketchOf(layout, values, valid);
      const without = sketchOf(layout, kept);
      expect(withMissing.missing).toBe(values.length - kept.length);
      expect({ ...withMissing, missing: 0 }).toEqual({ ...without, missing: 0 });
    }
    const none = sketchOf(small, Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY), null);
    expect([none.count, none.missing, none.min, none.max]).toEqual([0, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('merge(a, b) equals the sketch of a ∪ b, in any order (OTel aggregator test)', () => {
    const edges = Float64Array.from(new Set(Array.from(normals(500, 1)).sort((a, b) => a - b)));
    const layout = layoutOf(edges);
    const all = normals(30_000, 2, 0.3, 1.5);
    const valid = new Uint8Array(all.length).map((_, i) => (i % 97 === 0 ? 0 : 1));
    all[5] = Number.NaN;
    const parts = [0, 7_000, 19_000, 30_000];
    const sketches = parts.slice(1).map((end, i) => sketchOf(layout, all.subarray(parts[i], end), valid.subarray(parts[i], end)));
    const whole = sketchOf(layout, all, valid);
    const [a, b, c] = sketches;
    expectSketchEqual(mergeNumeric(mergeNumeric(a, b, 64), c, 64), whole);
    expectSketchEqual(mergeNumeric(a, mergeNumeric(b, c, 64), 64), whole);
    expectSketchEqual(mergeNumeric(mergeNumeric(c, a, 64), b, 64), whole);
    // commutative bit for bit, moments included (canonical operand order)
    expect(mergeNumeric(a, b, 64)).toEqual(mergeNumeric(b, a, 64));
  });

  it('merge is exact bit for bit when every partial sum is exact (integer data)', () => {
    const layout = layoutOf(Float64Array.of(0, 10, 20, 40));
    const r = rng(3);
    const all = new Float64Array(4096).map(() => Math.floor(r() * 64) - 8);
    const a = sketchOf(layout, all.subarray(0, 1000));
    const b = sketchOf(layout, all.subarray(1000));
    const m = mergeNumeric(a, b, 64);
    const whole = sketchOf(layout, all);
    expect(Array.from(m.counts)).toEqual(Array.from(whole.counts));
    expect(Array.from(m.offsets)).toEqual(Array.from(whole.offsets));
    expect(m.distinct).toEqual(whole.distinct);
    expect(numericMoments(m).mean).toBeCloseTo(numericMoments(whole).mean, 12);
  });

  it('keeps exact value counts up to 64 distinct values, then drops them in merge as in one pass', () => {
    const layout = layoutOf(Float64Array.of(0, 50, 100));
    const a = sketchOf(layout, Float64Array.from({ length: 40 }, (_, i) => i));
    const b = sketchOf(layout, Float64Array.from({ length: 40 }, (_, i) => i + 20));
    const c = sketchOf(layout, Float64Array.from({ length: 40 }, (_, i) => i + 30));
    expect(mergeNumeric(a, b, 64).distinct?.values.length).toBe(60);
    expect(mergeNumeric(a, c, 64).distinct).toBeNull();
    expect(mergeNumeric(mergeNumeric(a, c, 64), b, 64).distinct).toBeNull();
  });

  it('moments match a two-pass computation', () => {
    const values = normals(50_000, 5, 1e6, 3);
    const s = sketchOf(layoutOf(Float64Array.of(1e6)), values);
    let mean = 0;
    for (const v of values) mean += v / values.length;
    let m2 = 0;
    for (const v of values) m2 += (v - mean) ** 2;
    expect(s.mean).toBeCloseTo(mean, 6);
    expect(s.m2 / m2).toBeCloseTo(1, 10);
    expect(numericMoments(s).std).toBeCloseTo(Math.sqrt(m2 / values.length), 9);
  });

  it('round-trips through JSON, empty sketches included', () => {
    const layout = layoutOf(Float64Array.of(0, 1, 2));
    const s = sketchOf(layout, Float64Array.of(-1, 0.5, 1, 1.5, 7, Number.NaN));
    expect(numericSketchFromJSON(JSON.parse(JSON.stringify(numericSketchToJSON(s))), layout)).toEqual(s);
    const empty = createNumericSketch(layout);
    expect(numericSketchFromJSON(JSON.parse(JSON.stringify(numericSketchToJSON(empty))), layout)).toEqual(empty);
    expect(() => numericSketchFromJSON(numericSketchToJSON(s), layoutOf(Float64Array.of(0)))).toThrow(/bins/);
  });

  it('stays the same size whatever the rows (bounded memory)', () => {
    const layout = layoutOf(Float64Array.from({ length: 2000 }, (_, i) => i / 100));
    const few = sketchOf(layout, normals(100, 1, 10, 3));
    const many = sketchOf(layout, normals(200_000, 2, 10, 3));
    expect(many.counts.length).toBe(few.counts.length);
    expect(many.offsets.length).toBe(2001);
    expect(many.distinct).toBeNull();
    expect(JSON.stringify(numericSketchToJSON(many)).length).toBeLessThan(2 * JSON.stringify(numericSketchToJSON(few)).length + 100_000);
  });
});

describe('the merge comparison itself', () => {
  it('flags a changed count, a changed distinct value and a float off by more than rounding', () => {
    const layout = layoutOf(Float64Array.of(0, 1, 2));
    const s = sketchOf(layout, Float64Array.of(-1, 0.5, 1, 1.5, 7));
    const t = mergeNumeric(s, createNumericSketch(layout), 64);
    t.counts[1]++;
    (t.distinct as { values: Float64Array }).values[0] = -2;
    t.mean += 1e-9;
    const u = mergeNumeric(s, createNumericSketch(layout), 64);
    u.mean *= 1 + 1e-15;
    expect(diffSketch(t, s).map((d) => d.split(':')[0])).toEqual(['.mean', '.counts[1]', '.distinct.values[0]']);
    expect(diffSketch(u, s)).toEqual([]);
  });
});
