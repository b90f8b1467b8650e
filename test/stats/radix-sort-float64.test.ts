import { describe, expect, it } from 'vitest';
import { radixSortFloat64 } from '../../src/stats/radix-sort-float64.js';
import { firstDifference, normals, rng } from './sort-test-data.js';

describe('radixSortFloat64', () => {
  it('matches the documented example, -0 before 0', () => {
    expect(firstDifference(radixSortFloat64(Float64Array.of(3, -0, -2, 0, 1e300)), Float64Array.of(-2, -0, 0, 3, 1e300))).toBeNull();
  });

  it('sorts every kind of double bit for bit as the built-in sort, infinities included', () => {
    const r = rng(21);
    const pool = [0, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    const values = Float64Array.from({ length: 60_000 }, () => {
      const p = r();
      if (p < 0.1) return pool[Math.floor(r() * pool.length)];
      if (p < 0.5) return (r() - 0.5) * 10 ** Math.floor(r() * 600 - 300);
      return Math.round((r() - 0.5) * 100);
    });
    expect(firstDifference(radixSortFloat64(values.slice()), values.slice().sort())).toBeNull();
  });

  it('uses a caller scratch buffer', () => {
    const values = normals(40_000, 2);
    expect(firstDifference(radixSortFloat64(values.slice(), new Uint32Array(80_000)), values.slice().sort())).toBeNull();
  });
});
