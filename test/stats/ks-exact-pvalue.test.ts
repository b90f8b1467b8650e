import { describe, expect, it } from 'vitest';
import { ksExactFeasible, ksExactPvalue } from '../../src/stats/ks-exact-pvalue.js';
import { ksProbOutsideBand } from '../../src/stats/ks-prob-outside-band.js';
import { ksProbOutsideSquare } from '../../src/stats/ks-prob-outside-square.js';
import { loadFixture } from '../helpers/fixtures.js';

const fixture = loadFixture('ks') as unknown as { exact_tail: [number, number, number, number][] };

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

describe('exact tail P(D(n1, n2) ≥ h / lcm)', () => {
  // scipy 1.10.1 _compute_prob_outside_square / pythran _compute_outer_prob_inside_method:
  // the ports do the same float64 operations, so the bits agree.
  it.each(fixture.exact_tail)('n1=%d n2=%d h=%d equals scipy bit for bit', (n1, n2, h, expected) => {
    const got = n1 === n2 ? ksProbOutsideSquare(n1, h) : ksProbOutsideBand(n1, n2, gcd(n1, n2), h);
    expect(got).toBe(expected);
  });

  it('counts paths by hand for 2 vs 3', () => {
    // lcm = 6. Of the C(5, 2) = 10 orderings, D = 1 for aabbb and bbbaa only.
    expect(ksProbOutsideBand(2, 3, 1, 6)).toBeCloseTo(2 / 10, 15);
    // D ≥ 1/6 always (the smallest non-zero value): p = 1
    expect(ksProbOutsideBand(2, 3, 1, 1)).toBe(1);
  });

  it('is symmetric in the sample sizes', () => {
    expect(ksProbOutsideBand(7, 12, 1, 30)).toBe(ksProbOutsideBand(12, 7, 1, 30));
  });
});

describe('ksExactPvalue', () => {
  it('snaps the statistic to the lattice h / lcm', () => {
    const r = ksExactPvalue(3, 3, 2 / 3 - 1 / 3 + 1e-15);
    expect(r.statistic).toBe(1 / 3);
  });

  it('returns p = 1 for D = 0', () => {
    expect(ksExactPvalue(10, 20, 0)).toEqual({ ok: true, statistic: 0, pvalue: 1 });
  });

  it('reports ok=false where scipy falls back (5 vs 5, D = 1/5 gives 1 + ulp)', () => {
    // scipy 1.10.1 _compute_prob_outside_square(5, 1) = 1.0000000000000002
    const r = ksExactPvalue(5, 5, 0.2);
    expect(r.ok).toBe(false);
    expect(r.pvalue).toBe(1.0000000000000002);
  });
});

describe('ksExactFeasible', () => {
  it('follows scipy: exact only while lcm(n1, n2) fits in int32', () => {
    expect(ksExactFeasible(10000, 9999)).toBe(true);
    expect(ksExactFeasible(50000, 49999)).toBe(false);
    expect(ksExactFeasible(100000, 50000)).toBe(true);
  });
});
