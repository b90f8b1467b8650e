import { describe, expect, it } from 'vitest';
import { SORT_BUILTIN_BELOW, sortFiniteInRange, sortFloat64 } from '../../src/stats/sort-float64.js';
import { firstDifference, normals, rng } from './sort-test-data.js';

// Every path of sortFloat64 gives Float64Array.prototype.sort's bits: built-in
// below the cut-over, the linear-key sort, and the radix fallback it declines to.
describe('sortFloat64 paths', () => {
  const check = (values: Float64Array, scratch?: Float64Array | Uint32Array) =>
    firstDifference(sortFloat64(values.slice(), scratch), values.slice().sort());

  it('sorts just below and at the built-in cut-over', () => {
    expect(check(normals(SORT_BUILTIN_BELOW - 1, 1))).toBeNull();
    expect(check(normals(SORT_BUILTIN_BELOW, 2))).toBeNull();
  });

  it('sorts a million normal values (the linear-key path)', () => {
    expect(check(normals(1_000_000, 3, 100, 0.001))).toBeNull();
  });

  it('sorts heavy tails, far outliers and infinities (the radix path)', () => {
    const r = rng(4);
    const cauchy = Float64Array.from({ length: 100_000 }, () => Math.tan(Math.PI * (r() - 0.5)));
    expect(check(cauchy)).toBeNull();
    const outlier = normals(100_000, 5);
    outlier[77] = -1e200;
    expect(check(outlier)).toBeNull();
    const infinite = normals(10_000, 6);
    infinite[5] = Number.POSITIVE_INFINITY;
    infinite[6] = Number.NEGATIVE_INFINITY;
    expect(check(infinite)).toBeNull();
  });

  it('takes a Float64Array scratch, or an aligned Uint32Array one', () => {
    const values = normals(50_000, 7);
    expect(check(values, new Float64Array(50_000))).toBeNull();
    expect(check(values, new Uint32Array(100_000))).toBeNull();
    expect(check(values, new Uint32Array(new ArrayBuffer(400_008), 4, 100_000))).toBeNull();
  });

  it('sorts with a known range without looking for it (sortFiniteInRange)', () => {
    const values = normals(20_000, 8);
    const expected = values.slice().sort();
    expect(firstDifference(sortFiniteInRange(values, expected[0], expected[expected.length - 1]), expected)).toBeNull();
    expect(firstDifference(sortFiniteInRange(Float64Array.of(2, -1, 0.5), -1, 2), Float64Array.of(-1, 0.5, 2))).toBeNull();
  });
});
