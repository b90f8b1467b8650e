import { describe, expect, it } from 'vitest';
import { wassersteinSorted } from '../../src/stats/wasserstein-sorted.js';
import { closeRel, f64, loadFixture } from '../helpers/fixtures.js';

interface NumericalCase {
  name: string;
  kind: string;
  a: unknown;
  b: unknown;
  expected: { wasserstein?: number; std_a: number; wasserstein_normed?: number };
}

// scipy 1.10.1: scipy.stats.wasserstein_distance(ref, cur) on the finite values
const cases = loadFixture<NumericalCase>('drift').cases.filter((c) => c.kind === 'numerical' && c.expected.wasserstein !== undefined);
const finiteSorted = (values: unknown): Float64Array => f64(values).filter(Number.isFinite).sort();

describe('wassersteinSorted', () => {
  for (const c of cases) {
    it(`matches scipy's wasserstein_distance at 1e-9: ${c.name}`, () => {
      const got = wassersteinSorted(finiteSorted(c.a), finiteSorted(c.b));
      // absFloor 0: the tiny-magnitude cases are ~1e-301 and must match relatively too
      expect(closeRel(got, c.expected.wasserstein as number, 1e-9, 0), `${got} vs ${c.expected.wasserstein}`).toBe(true);
    });
  }

  for (const c of cases) {
    it(`gives CONTRACT's wasserstein_normed at 1e-9: ${c.name}`, () => {
      const got = wassersteinSorted(finiteSorted(c.a), finiteSorted(c.b)) / Math.max(c.expected.std_a, 0.001);
      expect(closeRel(got, c.expected.wasserstein_normed as number, 1e-9, 0), `${got} vs ${c.expected.wasserstein_normed}`).toBe(true);
    });
  }

  it('matches the documented example', () => {
    expect(wassersteinSorted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8))).toBe(5);
  });

  it('is symmetric and 0 for identical samples', () => {
    const a = Float64Array.of(-1, 0, 0, 2.5, 7);
    const b = Float64Array.of(-3, 0, 4);
    expect(wassersteinSorted(a, b)).toBe(wassersteinSorted(b, a));
    expect(wassersteinSorted(a, a.slice())).toBe(0);
  });

  it('treats -0 and 0 as one value', () => {
    expect(wassersteinSorted(Float64Array.of(-0, 1), Float64Array.of(0, 1))).toBe(0);
  });

  it('returns +Infinity when a gap overflows, as scipy', () => {
    expect(wassersteinSorted(Float64Array.of(-1.5e308), Float64Array.of(1.5e308))).toBe(Number.POSITIVE_INFINITY);
  });

  it("throws RangeError on an empty sample (scipy: Distribution can't be empty.)", () => {
    expect(() => wassersteinSorted(new Float64Array(0), Float64Array.of(1))).toThrow("Distribution can't be empty.");
    expect(() => wassersteinSorted(Float64Array.of(1), new Float64Array(0))).toThrow(RangeError);
  });
});
