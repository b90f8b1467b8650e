import { describe, expect, it } from 'vitest';
import { psi, replaceZeroShares } from '../../src/stats/psi.js';
import { closeRel, loadFixture } from '../helpers/fixtures.js';

interface DriftCase {
  name: string;
  kind: string;
  a: number[];
  b: number[];
  expected: { counts_a?: number[]; counts_b?: number[]; psi?: number };
}

// numpy 1.24.2, CONTRACT psi: shares = counts / rows, Evidently's zero rule, Σ (r - c) ln(r / c)
const cases = loadFixture<DriftCase>('drift').cases.filter((c) => c.expected.psi !== undefined);

describe('psi', () => {
  for (const c of cases) {
    it(`matches the CONTRACT formula at 1e-9: ${c.name}`, () => {
      const ref = Float64Array.from(c.kind === 'numerical' ? (c.expected.counts_a ?? []) : c.a);
      const cur = Float64Array.from(c.kind === 'numerical' ? (c.expected.counts_b ?? []) : c.b);
      const got = psi(ref, cur);
      expect(closeRel(got, c.expected.psi as number, 1e-9, 0), `${got} vs ${c.expected.psi}`).toBe(true);
    });
  }

  it('matches the documented example', () => {
    expect(psi(Float64Array.of(50, 50), Float64Array.of(25, 75))).toBe(0.27465307216702745);
  });

  it('is 0 for identical distributions', () => {
    expect(psi(Float64Array.of(3, 0, 7), Float64Array.of(30, 0, 70))).toBe(0);
  });

  it('throws RangeError when a distribution has no rows', () => {
    expect(() => psi(Float64Array.of(0, 0), Float64Array.of(1, 2))).toThrow(RangeError);
    expect(() => psi(Float64Array.of(1, 2), Float64Array.of(0, 0))).toThrow(RangeError);
  });

  it('throws RangeError on misaligned, empty or negative counts', () => {
    expect(() => psi(Float64Array.of(1, 2), Float64Array.of(1))).toThrow(RangeError);
    expect(() => psi(new Float64Array(0), new Float64Array(0))).toThrow(RangeError);
    expect(() => psi(Float64Array.of(1, -1, 2), Float64Array.of(1, 1, 1))).toThrow(RangeError);
    expect(() => psi(Float64Array.of(1, Number.NaN), Float64Array.of(1, 1))).toThrow(RangeError);
  });
});

describe('replaceZeroShares', () => {
  it('replaces zeros by 0.0001 when the smallest share is larger', () => {
    expect([...replaceZeroShares(Float64Array.of(0.5, 0, 0.5))]).toEqual([0.5, 0.0001, 0.5]);
  });

  it('replaces zeros by the smallest share / 1e6 when that share is <= 0.0001', () => {
    expect([...replaceZeroShares(Float64Array.of(0.99995, 0, 0.00005))]).toEqual([0.99995, 0.00005 / 1e6, 0.00005]);
    // the boundary is inclusive, as Evidently's `<=`
    expect([...replaceZeroShares(Float64Array.of(0.9999, 0, 0.0001))]).toEqual([0.9999, 0.0001 / 1e6, 0.0001]);
  });

  it('works in place and leaves non-zero shares alone', () => {
    const shares = Float64Array.of(0.25, 0.75);
    expect(replaceZeroShares(shares)).toBe(shares);
    expect([...shares]).toEqual([0.25, 0.75]);
  });

  it('throws RangeError when every share is zero', () => {
    expect(() => replaceZeroShares(Float64Array.of(0, 0))).toThrow(RangeError);
  });
});
