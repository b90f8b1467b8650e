import { describe, expect, it } from 'vitest';
import { mergeMoments } from '../../src/sketches/merge-moments.js';

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
