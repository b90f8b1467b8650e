import { describe, expect, it } from 'vitest';
import { ksStatisticSorted } from '../../src/stats/ks-statistic-sorted.js';
import { ksTwoSampleSorted } from '../../src/stats/ks-two-sample.js';
import { ksTwoSampleFromStatistic } from '../../src/stats/ks-two-sample-from-statistic.js';
import { normals, rng } from './sort-test-data.js';

describe('ksTwoSampleFromStatistic', () => {
  it('matches the documented example (scipy 1.10.1 ks_2samp([0..4], [5..10]))', () => {
    expect(ksTwoSampleFromStatistic(5, 6, 1)).toEqual({ statistic: 1, pvalue: 0.004329004329004329, method: 'exact' });
  });

  it("gives ksTwoSampleSorted(a, b, 'auto') exactly, on both sides of the exact/asymp switch", () => {
    const r = rng(3);
    const sizes: [number, number][] = [
      [1, 1],
      [3, 3],
      [7, 50],
      [200, 200],
      [999, 1000],
      [10_000, 10_000],
      [10_000, 10_001],
      [3000, 20_000],
      [50_000, 60_000],
    ];
    for (const [n1, n2] of sizes) {
      const a = normals(n1, n1).map((v) => Math.round(v * 8) / 8).sort();
      const b = normals(n2, n2 + 7, r() * 0.2).map((v) => Math.round(v * 8) / 8).sort();
      expect(ksTwoSampleFromStatistic(n1, n2, ksStatisticSorted(a, b)), `${n1} vs ${n2}`).toEqual(ksTwoSampleSorted(a, b));
    }
  });

  it('throws on an empty sample', () => {
    expect(() => ksTwoSampleFromStatistic(0, 5, 0)).toThrow(RangeError);
  });
});
