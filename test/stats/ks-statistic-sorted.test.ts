import { describe, expect, it } from 'vitest';
import { ksStatisticSorted } from '../../src/stats/ks-statistic-sorted.js';

describe('ksStatisticSorted', () => {
  it('steps tied values together (searchsorted side="right")', () => {
    // pooled values 1, 2, 3: F1 = 2/3, 2/3, 1; F2 = 1/2, 1, 1 → D = 1/3 at 2
    expect(ksStatisticSorted(Float64Array.of(1, 1, 3), Float64Array.of(1, 2))).toBe(1 - 2 / 3);
  });

  it('is 0 for identical samples and for equal constants', () => {
    const a = Float64Array.of(-2, 0, 0, 5);
    expect(ksStatisticSorted(a, a.slice())).toBe(0);
    expect(ksStatisticSorted(Float64Array.of(3, 3), Float64Array.of(3, 3, 3))).toBe(0);
  });

  it('is 1 for separated samples, in either order', () => {
    expect(ksStatisticSorted(Float64Array.of(1, 2), Float64Array.of(3, 4, 5))).toBe(1);
    expect(ksStatisticSorted(Float64Array.of(3, 4, 5), Float64Array.of(1, 2))).toBe(1);
  });

  it('takes the larger of the positive and negative deviations', () => {
    // a = {0, 3}, b = {1, 2, 2, 4}: F1 − F2 at 0, 1, 2, 3, 4 is
    // 1/2, 1/4, −1/4, 1/4, 0 → D = 1/2 (positive side)
    expect(ksStatisticSorted(Float64Array.of(0, 3), Float64Array.of(1, 2, 2, 4))).toBe(0.5);
    // a = {2, 5}, b = {0, 1, 1, 6}: −1/4, −3/4, −1/4, 1/4, 0 → D = 3/4 (negative side)
    expect(ksStatisticSorted(Float64Array.of(2, 5), Float64Array.of(0, 1, 1, 6))).toBe(0.75);
  });

  it('does not compare inside a run of copies shared by both samples', () => {
    // a = {1, 1, 1}, b = {1, 2}: stepping copy by copy would see 1/3 − 0, 2/3 − 0, …;
    // at the pooled value 1 itself F1 − F2 = 1 − 1/2.
    expect(ksStatisticSorted(Float64Array.of(1, 1, 1), Float64Array.of(1, 2))).toBe(0.5);
  });

  it('treats −0 and +0 as one value', () => {
    expect(ksStatisticSorted(Float64Array.of(-0), Float64Array.of(0))).toBe(0);
  });

  it('is 0 when a sample is empty', () => {
    expect(ksStatisticSorted(new Float64Array(0), Float64Array.of(1))).toBe(0);
  });
});
