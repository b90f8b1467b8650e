import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../src/stats/quantile-sorted.js';
import { f64, loadFixture } from '../helpers/fixtures.js';

interface QuantileCase {
  name: string;
  kind: string;
  sorted: unknown;
  q: number[];
  expected: number[];
}

interface NumericalCase {
  name: string;
  kind: string;
  a: unknown;
  expected: { n_a: number; quantiles: number[] };
}

// numpy 1.24.2: np.quantile(x, q), method="linear" (fixtures/gen/drift.py)
const fixture = loadFixture<QuantileCase & NumericalCase>('drift');
const quantileCases = fixture.cases.filter((c) => c.kind === 'quantiles') as QuantileCase[];
const numericalCases = fixture.cases.filter((c) => c.kind === 'numerical') as NumericalCase[];

describe('quantileSorted', () => {
  it('matches the documented example', () => {
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.1)).toBe(1.3);
  });

  for (const c of quantileCases) {
    it(`is bit-exact with np.quantile: ${c.name}`, () => {
      const sorted = f64(c.sorted);
      c.q.forEach((q, i) => {
        expect(quantileSorted(sorted, q), `q=${q}`).toBe(c.expected[i]);
      });
    });
  }

  for (const c of numericalCases.filter((x) => x.expected.n_a > 0)) {
    it(`gives numpy's deciles bit for bit: ${c.name}`, () => {
      const sorted = f64(c.a).filter(Number.isFinite).sort();
      for (let i = 1; i < 10; i++) {
        // `+ 0` folds -0 into 0: numpy's partition leaves either zero at an index, so
        // the sign of a zero quantile depends on its selection order, not on the arithmetic
        expect(quantileSorted(sorted, i / 10) + 0, `q=${i / 10}`).toBe(c.expected.quantiles[i - 1] + 0);
      }
    });
  }

  it('takes the minimum at q=0 and the maximum at q=1', () => {
    const s = Float64Array.of(-5, 0, 7);
    expect(quantileSorted(s, 0)).toBe(-5);
    expect(quantileSorted(s, 1)).toBe(7);
  });

  it('uses the b - (b - a)(1 - t) form when t >= 0.5', () => {
    // numpy 1.24.2: np.quantile([0.1, 0.7], 0.7) == 0.5199999999999999 (a + d*t would give 0.52)
    expect(quantileSorted(Float64Array.of(0.1, 0.7), 0.7)).toBe(0.5199999999999999);
  });

  it('throws RangeError on an empty sample', () => {
    expect(() => quantileSorted(new Float64Array(0), 0.5)).toThrow(RangeError);
  });

  it('throws RangeError for q outside [0, 1] or NaN', () => {
    const s = Float64Array.of(1, 2);
    expect(() => quantileSorted(s, -0.1)).toThrow(RangeError);
    expect(() => quantileSorted(s, 1.5)).toThrow(RangeError);
    expect(() => quantileSorted(s, Number.NaN)).toThrow(RangeError);
  });
});
