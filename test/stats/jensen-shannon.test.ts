import { describe, expect, it } from 'vitest';
import { jensenShannon } from '../../src/stats/jensen-shannon.js';
import { closeRel, loadFixture } from '../helpers/fixtures.js';

interface DriftCase {
  name: string;
  kind: string;
  a: number[];
  b: number[];
  expected: { counts_a?: number[]; counts_b?: number[]; jensen_shannon?: number };
}

// scipy 1.10.1: scipy.spatial.distance.jensenshannon(ref_shares, cur_shares, base=2)
const cases = loadFixture<DriftCase>('drift').cases.filter((c) => c.expected.jensen_shannon !== undefined);

describe('jensenShannon', () => {
  for (const c of cases) {
    it(`matches scipy's jensenshannon on the shares at 1e-9, given counts: ${c.name}`, () => {
      const ref = Float64Array.from(c.kind === 'numerical' ? (c.expected.counts_a ?? []) : c.a);
      const cur = Float64Array.from(c.kind === 'numerical' ? (c.expected.counts_b ?? []) : c.b);
      const got = jensenShannon(ref, cur, 2);
      expect(closeRel(got, c.expected.jensen_shannon as number, 1e-9, 0), `${got} vs ${c.expected.jensen_shannon}`).toBe(true);
    });
  }

  it('matches the documented examples', () => {
    expect(jensenShannon(Float64Array.of(1, 0), Float64Array.of(0, 1))).toBe(1);
    // scipy 1.10.1: jensenshannon([50, 50], [25, 75], base=2)
    expect(jensenShannon(Float64Array.of(50, 50), Float64Array.of(25, 75))).toBe(0.22089576884901735);
  });

  it('gives the same distance for counts and for their shares', () => {
    const counts = Float64Array.of(3, 0, 5, 2);
    const other = Float64Array.of(1, 4, 4, 1);
    const shares = counts.map((v) => v / 10);
    expect(closeRel(jensenShannon(shares, other), jensenShannon(counts, other), 1e-15)).toBe(true);
  });

  it('uses natural logarithms for base e', () => {
    // scipy 1.10.1: jensenshannon([1, 0], [0, 1]) (base None) = sqrt(ln 2)
    expect(closeRel(jensenShannon(Float64Array.of(1, 0), Float64Array.of(0, 1), Math.E), Math.sqrt(Math.LN2), 1e-15)).toBe(true);
  });

  it('throws RangeError when a distribution sums to 0 (scipy: NaN)', () => {
    expect(() => jensenShannon(Float64Array.of(0, 0), Float64Array.of(1, 1))).toThrow(RangeError);
  });

  it('throws RangeError on misaligned, empty or negative input', () => {
    expect(() => jensenShannon(Float64Array.of(1), Float64Array.of(1, 1))).toThrow(RangeError);
    expect(() => jensenShannon(new Float64Array(0), new Float64Array(0))).toThrow(RangeError);
    expect(() => jensenShannon(Float64Array.of(-1, 2), Float64Array.of(1, 1))).toThrow(RangeError);
  });
});
