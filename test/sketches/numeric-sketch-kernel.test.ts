/**
 * addNumeric's kernels (branch-free few-edges bins, four rows per iteration,
 * the interleaved count records) against the plainest implementation of the
 * same definition: a binary search per value and sums in row order, starting
 * from the sketch's own values. Everything must agree bit for bit, -0 and
 * the float sums included.
 */
import { describe, expect, it } from 'vitest';
import { FEW_EDGES } from '../../src/sketches/bin-lookup.js';
import { nextUp } from '../../src/sketches/next-up.js';
import { addNumeric, createNumericSketch, type NumericLayout, type NumericSketch, numericLayout } from '../../src/sketches/numeric-sketch.js';
import { normals, rng, searchRight } from './helpers.js';

/** Chan et al.'s update in the canonical operand order (as numeric-sketch.ts). */
function chan(na: number, ma: number, qa: number, nb: number, mb: number, qb: number): [number, number, number] {
  if (nb === 0) return [na, ma, qa];
  if (na === 0) return [nb, mb, qb];
  if (na > nb || (na === nb && (ma > mb || (ma === mb && qa > qb)))) return chan(nb, mb, qb, na, ma, qa);
  const n = na + nb;
  const delta = mb - ma;
  return [n, ma + (delta * nb) / n, qa + qb + (delta * delta * na * nb) / n];
}

/** The reference: one value at a time; `seen` holds every kept value so far (distinct counts from scratch). */
function referenceAdd(s: NumericSketch, edges: Float64Array, values: Float64Array, valid: Uint8Array | null, seen: number[], maxDistinct: number): void {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]) && (valid === null || valid[i] === 1)) kept.push(values[i]);
  }
  s.missing += values.length - kept.length;
  seen.push(...kept);
  const tally = new Map<number, number>();
  for (const x of seen) tally.set(x + 0, (tally.get(x + 0) ?? 0) + 1);
  const keys = [...tally.keys()].sort((a, b) => a - b);
  s.distinct = tally.size > maxDistinct ? null : { values: Float64Array.from(keys), counts: Float64Array.from(keys, (k) => tally.get(k) ?? 0) };
  if (kept.length === 0) return;
  const shift = kept[0];
  let s1 = 0;
  let s2 = 0;
  for (const x of kept) {
    const b = searchRight(edges, x);
    s.counts[b]++;
    if (edges.length > 0) s.offsets[b] += b === 0 ? edges[0] - x : x - edges[b - 1];
    const d = x - shift;
    s1 += d;
    s2 += d * d;
    s.min = Math.min(s.min, x);
    s.max = Math.max(s.max, x);
  }
  const m = kept.length;
  [s.count, s.mean, s.m2] = chan(s.count, s.mean, s.m2, m, shift + s1 / m, Math.max(0, s2 - (s1 * s1) / m));
}

/** Every field bit for bit (-0 is not 0 here; any NaN is NaN: ±1e308 squared overflows m2, and NaN's sign bit is the CPU's). */
function bitsOf(s: NumericSketch): unknown {
  const words = (a: Float64Array) => Array.from(a, (x) => (Number.isNaN(x) ? 'NaN' : String(new BigUint64Array(Float64Array.of(x).buffer)[0])));
  const word = (x: number) => words(Float64Array.of(x))[0];
  return {
    scalars: [s.count, s.missing, s.min, s.max, s.mean, s.m2].map(word),
    counts: words(s.counts),
    offsets: words(s.offsets),
    distinct: s.distinct === null ? null : [words(s.distinct.values), words(s.distinct.counts)],
  };
}

const sortedDistinct = (xs: ArrayLike<number>) => Float64Array.from(new Set(Array.from(xs, (x) => x + 0))).sort();

/** Layouts over both grids, with and without crowded cells, and the degenerate ones. */
function layouts(): [string, Float64Array][] {
  const normal = normals(20_000, 21, 3, 2);
  const tails = normals(20_000, 22, 0, 6).map((v) => Math.sign(v) * Math.exp(Math.abs(v)));
  // Log-uniform: near uniform on the high-word grid, piled near 0 on the linear one.
  const geometric = Float64Array.from({ length: 400 }, (_, i) => 1e-6 * 1.07 ** i);
  const quantiles = (xs: Float64Array, k: number) => {
    const s = xs.slice().sort();
    return sortedDistinct(Array.from({ length: k }, (_, i) => s[Math.floor((i * s.length) / k)]));
  };
  // 40 edges 1e-9 apart (crowded on any grid), then a spread.
  const crowded = sortedDistinct([...Array.from({ length: 40 }, (_, i) => 1 + i * 1e-9), ...Array.from({ length: 60 }, (_, i) => 2 + i)]);
  return [
    ['linear, few per cell', quantiles(normal, 700)],
    ['bits, few per cell', sortedDistinct(geometric)],
    ['bits, crowded (heavy tails)', quantiles(tails, 700)],
    ['crowded cells', crowded],
    ['rounded data (ties)', quantiles(normal.map((v) => Math.round(v * 20) / 20), 300)],
    ['one edge', Float64Array.of(0)],
    ['no edges', new Float64Array(0)],
    ['two edges at zero', Float64Array.of(-0.5, 0)],
  ];
}

/** A column with every awkward value, at positions that land in and out of 4-row groups. */
function awkwardColumn(edges: Float64Array, n: number, seed: number): { values: Float64Array; valid: Uint8Array } {
  const r = rng(seed);
  const lo = edges.length > 0 ? edges[0] : -1;
  const hi = edges.length > 0 ? edges[edges.length - 1] : 1;
  const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1e308, -1e308, Number.MIN_VALUE, -Number.MIN_VALUE, lo - 1, hi + 1];
  const values = new Float64Array(n).map(() => {
    const u = r();
    if (u < 0.05) return specials[Math.floor(r() * specials.length)];
    if (u < 0.35 && edges.length > 0) {
      const e = edges[Math.floor(r() * edges.length)];
      return r() < 0.5 ? e : r() < 0.5 ? nextUp(e) : -nextUp(-e);
    }
    return lo + (hi - lo) * (1.4 * r() - 0.2);
  });
  const valid = new Uint8Array(n).map(() => (r() < 0.03 ? [0, 2, 3, 255][Math.floor(r() * 4)] : 1));
  return { values, valid };
}

/** A column with no missing row (the count pass's two-rows-per-iteration loop), ±0 and ties included, moderate magnitudes. */
function cleanColumn(edges: Float64Array, n: number, seed: number): { values: Float64Array; valid: Uint8Array } {
  const { values } = awkwardColumn(edges, n, seed);
  const r = rng(seed + 100);
  // No ±1e308 either: their squares would make m2 NaN and hide its summation order.
  const clean = values.map((x) => (Math.abs(x) < 1e300 ? x : r() < 0.5 ? 0 : -0));
  return { values: clean, valid: new Uint8Array(n).fill(1) };
}

describe('addNumeric kernels, bit for bit against a plain reference', () => {
  const cases = layouts();

  it('covers both grids, few-edges and crowded tables', () => {
    const tables = cases.map(([, edges]) => numericLayout(edges, 64).lookup);
    expect(tables.some((l) => l.grid === 'bits' && l.crowd <= FEW_EDGES)).toBe(true);
    expect(tables.some((l) => l.grid === 'linear' && l.crowd <= FEW_EDGES && l.edges.length > 100)).toBe(true);
    expect(tables.some((l) => l.crowd > FEW_EDGES)).toBe(true);
  });

  for (const [name, edges] of cases) {
    it(`agrees on ${name}: NaN, ±Infinity, -0, nulls, ties, both ends, empty and non-empty starting sketches`, () => {
      const layout: NumericLayout = numericLayout(edges, 64);
      // Chains of columns into one sketch each. The first has ±1e308 (m2 overflows to NaN from there on); the
      // second keeps the moments finite, so a change in their summation order shows: no missing row (the
      // count pass's two-rows loop), large and small terms side by side, extremes at ±0 (-0 is below 0).
      const chains = [
        [
          awkwardColumn(edges, 1003, 1),
          { values: new Float64Array(0), valid: new Uint8Array(0) },
          { values: Float64Array.of(Number.NaN, Number.POSITIVE_INFINITY, 1, 2, 3), valid: Uint8Array.of(1, 1, 0, 0, 0) },
          awkwardColumn(edges, 2, 2),
          awkwardColumn(edges, 4098, 3),
        ],
        [
          { values: Float64Array.of(0, -0, 0, 0.5, 0.5, 7, 7, 7, 0), valid: new Uint8Array(9).fill(1) },
          { values: Float64Array.of(-0, 0, -0, -3, -3, -2, -0, -1), valid: Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 0) },
          { values: Float64Array.of(0, -0, Number.NaN, 0.5), valid: new Uint8Array(4).fill(1) },
          cleanColumn(edges, 1501, 4),
          { values: Float64Array.from({ length: 60 }, (_, i) => [0, 1, 1e16, 1, -1e16, 1, 3, 1e16, 1, 1, -1e16, 7][i % 12] * (1 + (i >> 4))), valid: new Uint8Array(60).fill(1) },
          cleanColumn(edges, 2000, 5),
        ],
      ];
      for (const withValid of [false, true]) {
        for (const columns of chains) {
          const got = createNumericSketch(layout);
          const want = createNumericSketch(layout);
          const seen: number[] = [];
          for (const { values, valid } of columns) {
            addNumeric(got, layout, values, withValid ? valid : null);
            referenceAdd(want, edges, values, withValid ? valid : null, seen, 64);
            expect(bitsOf(got)).toEqual(bitsOf(want));
          }
        }
      }
    });
  }

  it('adds into a non-empty sketch in row order, as if its sums had been carried along (window-wide buffers too)', () => {
    const edges = layouts()[0][1];
    const layout = numericLayout(edges, 64);
    const bins = edges.length + 1;
    const storage = new Float64Array(2 * bins + 6).fill(0);
    const got = createNumericSketch(layout, storage.subarray(3, 3 + bins), storage.subarray(3 + bins, 3 + 2 * bins));
    const want = createNumericSketch(layout);
    const seen: number[] = [];
    for (let seed = 10; seed < 14; seed++) {
      const { values, valid } = awkwardColumn(edges, 2500 + seed, seed);
      addNumeric(got, layout, values, valid);
      referenceAdd(want, edges, values, valid, seen, 64);
    }
    expect(bitsOf(got)).toEqual(bitsOf(want));
    expect([storage[0], storage[1], storage[2], storage[2 * bins + 3], storage[2 * bins + 5]]).toEqual([0, 0, 0, 0, 0]);
  });
});
