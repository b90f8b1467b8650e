import { describe, expect, it } from 'vitest';
import { ksTwoSampleSorted } from '../../src/stats/ks-two-sample.js';
import { closeRel, f64, loadFixture } from '../helpers/fixtures.js';

interface KsCase {
  name: string;
  a: unknown;
  b: unknown;
  mode: 'auto' | 'exact' | 'asymp';
  statistic: number;
  pvalue: number;
  method: 'exact' | 'asymp';
}

// Expected values: scipy 1.10.1 ks_2samp(a, b, alternative='two-sided', method=mode),
// written by fixtures/gen/ks.py.
const fixture = loadFixture<KsCase>('ks');

function sorted(values: unknown): Float64Array {
  return Float64Array.from(f64(values)).sort();
}

describe('ksTwoSampleSorted matches scipy 1.10.1 ks_2samp', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const res = ksTwoSampleSorted(sorted(c.a), sorted(c.b), c.mode);
    expect(res.method).toBe(c.method);
    expect(closeRel(res.statistic, c.statistic, 1e-9)).toBe(true);
    if (Number.isNaN(c.pvalue)) expect(res.pvalue).toBeNaN();
    else expect(Math.abs(res.pvalue - c.pvalue)).toBeLessThanOrEqual(1e-6);
  });

  it('covers both methods, explicit modes and the exact-to-asymp fallback', () => {
    const names = fixture.cases.map((c) => c.name);
    expect(fixture.cases.some((c) => c.mode === 'auto' && c.method === 'exact')).toBe(true);
    expect(fixture.cases.some((c) => c.mode === 'auto' && c.method === 'asymp')).toBe(true);
    expect(names.filter((n) => n.startsWith('fallback-')).length).toBeGreaterThan(0);
    expect(fixture.cases.some((c) => c.mode === 'exact' && c.method === 'asymp')).toBe(true);
  });
});

describe('ksTwoSampleSorted', () => {
  it('works a small case by hand', () => {
    // a = {1, 2, 3}, b = {2, 3, 4}: F1 − F2 at 1, 2, 3, 4 is 1/3, 1/3, 1/3, 0, so
    // D = 1/3 = h / lcm with h = 1, lcm = 3. Of the C(6, 3) = 20 orderings, only
    // those with D = 0 would be less extreme, and D(3, 3) ≥ 1/3 always: p = 1.
    // scipy 1.10.1 ks_2samp: statistic=0.3333333333333333, pvalue=1.0
    const res = ksTwoSampleSorted(Float64Array.of(1, 2, 3), Float64Array.of(2, 3, 4));
    expect(res).toEqual({ statistic: 1 / 3, pvalue: 1, method: 'exact' });
  });

  it('gives 2 / C(n1 + n2, n1) for completely separated samples', () => {
    // Only the two orderings "all a first" and "all b first" reach D = 1.
    // scipy 1.10.1 ks_2samp([0..4], [5..10]): pvalue=0.004329004329004329
    const res = ksTwoSampleSorted(Float64Array.of(0, 1, 2, 3, 4), Float64Array.of(5, 6, 7, 8, 9, 10));
    expect(res.statistic).toBe(1);
    expect(res.pvalue).toBeCloseTo(2 / 462, 15);
  });

  it('is symmetric in its arguments', () => {
    const a = Float64Array.of(-1, 0.5, 0.5, 2, 7);
    const b = Float64Array.of(0, 0.5, 3, 3, 3, 4, 8);
    expect(ksTwoSampleSorted(a, b)).toEqual(ksTwoSampleSorted(b, a));
  });

  it('throws a RangeError on an empty sample, as scipy raises', () => {
    const x = Float64Array.of(1, 2);
    expect(() => ksTwoSampleSorted(new Float64Array(0), x)).toThrow(RangeError);
    expect(() => ksTwoSampleSorted(x, new Float64Array(0))).toThrow(RangeError);
    expect(() => ksTwoSampleSorted(new Float64Array(0), new Float64Array(0))).toThrow(/must not be empty/);
  });

  it('throws a RangeError on an unknown mode', () => {
    const x = Float64Array.of(1, 2);
    expect(() => ksTwoSampleSorted(x, x, 'approx' as unknown as 'auto')).toThrow(RangeError);
  });

  it('runs the exact path for 10000 vs 10000 well under a second', () => {
    const a = new Float64Array(10000);
    const b = new Float64Array(10000);
    for (let i = 0; i < 10000; i++) {
      a[i] = i;
      b[i] = i + 150.5;
    }
    const t0 = performance.now();
    const res = ksTwoSampleSorted(a, b);
    const ms = performance.now() - t0;
    expect(res.method).toBe('exact');
    expect(res.statistic).toBeCloseTo(0.0151, 15);
    expect(ms).toBeLessThan(500);
  });
});
