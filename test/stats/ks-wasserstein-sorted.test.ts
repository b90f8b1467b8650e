import { describe, expect, it } from 'vitest';
import { ksStatisticSorted } from '../../src/stats/ks-statistic-sorted.js';
import { ksWassersteinSorted } from '../../src/stats/ks-wasserstein-sorted.js';
import { wassersteinSorted } from '../../src/stats/wasserstein-sorted.js';
import { normals, rng } from './sort-test-data.js';

/** Both kernels on their own: the fused merge must give exactly these bits. */
function separately(a: Float64Array, b: Float64Array): { ks: number; wasserstein: number } {
  return { ks: ksStatisticSorted(a, b), wasserstein: wassersteinSorted(a, b) };
}

describe('ksWassersteinSorted', () => {
  it('matches the documented example', () => {
    expect(ksWassersteinSorted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8))).toEqual({ ks: 1, wasserstein: 5 });
  });

  it('gives ksStatisticSorted and wassersteinSorted bit for bit on random samples', () => {
    const r = rng(1);
    for (let trial = 0; trial < 200; trial++) {
      const n1 = 1 + Math.floor(r() * (trial < 100 ? 30 : 3000));
      const n2 = 1 + Math.floor(r() * (trial < 100 ? 30 : 3000));
      const grid = trial % 3 === 0 ? 4 : 0; // every third trial rounds to a grid: many ties across and within samples
      const round = (v: number) => (grid ? Math.round(v * grid) / grid : v);
      const a = normals(n1, 2 * trial + 1).map(round).sort();
      const b = normals(n2, 2 * trial + 2, r() - 0.5, 0.5 + r()).map(round).sort();
      expect(ksWassersteinSorted(a, b)).toEqual(separately(a, b));
      expect(ksWassersteinSorted(b, a)).toEqual(separately(b, a));
    }
  });

  it('agrees at the edges: ties at the ends, -0 and 0, disjoint and single-value samples', () => {
    const cases: [number[], number[]][] = [
      [[1, 1, 3], [1, 2]],
      [[1, 2], [3, 4, 5]],
      [[3, 4, 5], [1, 2]],
      [[2], [2]],
      [[-0, 1], [0, 1]],
      [[-0, -0, 0], [0]],
      [[1, 2, 2], [2, 2, 3]],
      [[0, 3], [1, 2, 2, 4]],
      [[5], [1, 2, 3, 4, 5, 5]],
    ];
    for (const [x, y] of cases) {
      const a = Float64Array.from(x);
      const b = Float64Array.from(y);
      expect(ksWassersteinSorted(a, b), `${x} vs ${y}`).toEqual(separately(a, b));
    }
  });

  it('agrees on a million values against a million', () => {
    const a = normals(1_000_000, 5).sort();
    const b = normals(1_000_000, 6, 0.01).sort();
    expect(ksWassersteinSorted(a, b)).toEqual(separately(a, b));
  });

  it('returns +Infinity when a gap overflows, as scipy', () => {
    expect(ksWassersteinSorted(Float64Array.of(-1.5e308), Float64Array.of(1.5e308))).toEqual({ ks: 1, wasserstein: Number.POSITIVE_INFINITY });
  });

  it('throws on an empty sample', () => {
    expect(() => ksWassersteinSorted(new Float64Array(0), Float64Array.of(1))).toThrow("Distribution can't be empty.");
    expect(() => ksWassersteinSorted(Float64Array.of(1), new Float64Array(0))).toThrow(RangeError);
  });
});
