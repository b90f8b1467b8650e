import { describe, expect, it } from 'vitest';
import { finiteValues } from '../../src/stats/finite-values.js';
import { sortedFiniteValues } from '../../src/stats/sorted-finite-values.js';
import { firstDifference, normals, rng } from './sort-test-data.js';

/** The unfused reference: copy the finite values, then the built-in sort. */
function expected(values: ArrayLike<number>, valid: Uint8Array | null): { values: Float64Array; missing: number } {
  const f = finiteValues(values, valid);
  return { values: f.values.slice().sort(), missing: f.missing };
}

describe('sortedFiniteValues', () => {
  it('matches the documented example', () => {
    const r = sortedFiniteValues([3, Number.NaN, -0, 1, Number.POSITIVE_INFINITY, 0], null);
    expect(firstDifference(r.values, Float64Array.of(-0, 0, 1, 3))).toBeNull();
    expect(r.missing).toBe(2);
  });

  for (const n of [0, 1, 500, 5000, 200_000]) {
    it(`equals finiteValues then the built-in sort on ${n} rows with NaN, infinities and nulls`, () => {
      const r = rng(n + 1);
      const values = normals(n, n + 2, -3, 10);
      const valid = Uint8Array.from({ length: n }, () => (r() < 0.05 ? 0 : 1));
      for (let i = 0; i < n; i += 97) values[i] = i % 2 ? Number.NaN : Number.NEGATIVE_INFINITY;
      for (const v of [null, valid]) {
        const got = sortedFiniteValues(values, v);
        const want = expected(values, v);
        expect(got.missing).toBe(want.missing);
        expect(firstDifference(got.values, want.values)).toBeNull();
      }
    });
  }

  it('leaves the column untouched', () => {
    const values = normals(10_000, 3);
    const before = values.slice();
    sortedFiniteValues(values, null);
    expect(firstDifference(values, before)).toBeNull();
  });

  it('sorts into lent buffers, reusable for the next column', () => {
    const out = new Float64Array(30_000);
    const scratch = new Float64Array(30_000);
    for (const [n, seed] of [
      [30_000, 1],
      [12_345, 2],
    ]) {
      const values = normals(n, seed);
      values[10] = Number.NaN;
      const got = sortedFiniteValues(values, null, { out, scratch });
      expect(got.values.buffer).toBe(out.buffer);
      expect(got.missing).toBe(1);
      expect(firstDifference(got.values, expected(values, null).values)).toBeNull();
    }
  });

  it('allocates when a lent buffer is too short', () => {
    const values = normals(5000, 4);
    const got = sortedFiniteValues(values, null, { out: new Float64Array(10), scratch: new Float64Array(10) });
    expect(firstDifference(got.values, expected(values, null).values)).toBeNull();
  });
});
