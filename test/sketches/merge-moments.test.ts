import { describe, expect, it } from 'vitest';
import { mergeMoments, mergeShiftedSums } from '../../src/sketches/merge-moments.js';

describe('mergeMoments', () => {
  it('gives the moments of the union (0, 2 with 4: mean 2, M2 8)', () => {
    expect(mergeMoments(2, 1, 2, 1, 4, 0)).toEqual({ count: 3, mean: 2, m2: 8 });
  });

  it('is commutative bit for bit, and an empty side changes nothing', () => {
    const a = [7, 0.1 + 0.2, 1.5] as const;
    const b = [3, -1 / 3, 0.25] as const;
    expect(mergeMoments(...a, ...b)).toEqual(mergeMoments(...b, ...a));
    expect(mergeMoments(...a, 0, 0, 0)).toEqual({ count: 7, mean: 0.1 + 0.2, m2: 1.5 });
    expect(mergeMoments(0, 0, 0, ...b)).toEqual({ count: 3, mean: -1 / 3, m2: 0.25 });
  });
});

describe('mergeShiftedSums', () => {
  it('reads a batch from its sums around a shift and merges it (0, 2, 4 around 0 and around 2)', () => {
    expect(mergeShiftedSums(0, 0, 0, 3, 0, 6, 20)).toEqual({ count: 3, mean: 2, m2: 8 });
    // Around 2: deviations -2, 0, 2.
    expect(mergeShiftedSums(0, 0, 0, 3, 2, 0, 8)).toEqual({ count: 3, mean: 2, m2: 8 });
    // Into 6 and 8 (mean 7, M2 2): the sample 0, 2, 4, 6, 8.
    expect(mergeShiftedSums(2, 7, 2, 3, 0, 6, 20)).toEqual(mergeMoments(2, 7, 2, 3, 2, 8));
  });

  it('floors a batch M2 that rounding made negative at 0', () => {
    // Three equal values 0.1 around a shift of 0: s2 − s1²/n comes out a hair below 0 (−3.5e-18).
    const s1 = 0.1 + 0.1 + 0.1;
    const s2 = 0.1 * 0.1 * 3;
    expect(s2 - (s1 * s1) / 3).toBeLessThan(0);
    expect(mergeShiftedSums(0, 0, 0, 3, 0, s1, s2).m2).toBe(0);
  });
});
