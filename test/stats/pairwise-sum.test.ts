import { describe, expect, it } from 'vitest';
import { pairwiseSum } from '../../src/stats/pairwise-sum.js';
import { sumCases } from './metrics-fixture.js';

describe('pairwiseSum', () => {
  // numpy 1.24.2 np.sum (fixtures/gen/metrics.py, "sums")
  it.each(sumCases)('equals np.sum bit for bit on $n values', ({ values, numpySum }) => {
    expect(pairwiseSum(values)).toBe(numpySum);
  });

  it('sums a sub-range [start, end) as numpy sums that slice', () => {
    const big = sumCases.find((c) => c.n === 20_000);
    if (!big) throw new Error('fixture sum of 20000 values missing');
    const { values } = big;
    expect(pairwiseSum(values, 1_000, 18_500)).toBe(pairwiseSum(values.slice(1_000, 18_500)));
  });

  it('returns 0 for an empty range', () => {
    expect(pairwiseSum(new Float64Array(0))).toBe(0);
  });

  // numpy 1.24.2: np.sum([0.1, 0.2, 0.3]) == 0.6000000000000001 (left to right below 8 values)
  it('adds fewer than eight values left to right', () => {
    expect(pairwiseSum(Float64Array.of(0.1, 0.2, 0.3))).toBe(0.6000000000000001);
  });
});
