import { describe, expect, it } from 'vitest';
import { chi2Contingency } from '../../src/stats/chi2-contingency.js';
import { closeRel, loadFixture } from '../helpers/fixtures.js';

interface CategoricalCase {
  name: string;
  kind: string;
  a: number[];
  b: number[];
  expected: { chi2: { statistic: number; pvalue: number; dof: number } | null; chi2_error?: string };
}

// scipy 1.10.1: scipy.stats.chi2_contingency([a, b], correction=False)
const cases = loadFixture<CategoricalCase>('drift').cases.filter((c) => c.kind === 'categorical');

describe('chi2Contingency', () => {
  for (const c of cases.filter((x) => x.expected.chi2 !== null)) {
    it(`matches scipy (statistic 1e-9 rel, p-value 1e-6 abs and 1e-9 rel): ${c.name}`, () => {
      const want = c.expected.chi2 as { statistic: number; pvalue: number; dof: number };
      const got = chi2Contingency(Float64Array.from(c.a), Float64Array.from(c.b));
      expect(got.dof).toBe(want.dof);
      expect(closeRel(got.statistic, want.statistic, 1e-9, 0), `${got.statistic} vs ${want.statistic}`).toBe(true);
      expect(Math.abs(got.pvalue - want.pvalue)).toBeLessThanOrEqual(1e-6);
      expect(closeRel(got.pvalue, want.pvalue, 1e-9, 0), `${got.pvalue} vs ${want.pvalue}`).toBe(true);
    });
  }

  for (const c of cases.filter((x) => x.expected.chi2 === null)) {
    it(`throws RangeError with scipy's message: ${c.name}`, () => {
      expect(() => chi2Contingency(Float64Array.from(c.a), Float64Array.from(c.b))).toThrow(new RangeError(c.expected.chi2_error));
    });
  }

  it('matches the documented example', () => {
    expect(chi2Contingency(Float64Array.of(10, 20, 30), Float64Array.of(30, 20, 10))).toEqual({
      statistic: 20,
      pvalue: 4.539992976248486e-5,
      dof: 2,
    });
  });

  it('gives statistic 0 and p-value 1 for a single category (dof 0)', () => {
    expect(chi2Contingency(Float64Array.of(3), Float64Array.of(8))).toEqual({ statistic: 0, pvalue: 1, dof: 0 });
  });

  it('reports the first zero expected frequency in row-major order, as scipy', () => {
    // scipy 1.10.1: a category with no rows in either sample -> zero element at (0, 1)
    expect(() => chi2Contingency(Float64Array.of(1, 0, 2), Float64Array.of(3, 0, 1))).toThrow(
      'The internally computed table of expected frequencies has a zero element at (0, 1).',
    );
  });

  it('throws RangeError where scipy raises on negative counts or no categories', () => {
    expect(() => chi2Contingency(Float64Array.of(1, -1), Float64Array.of(1, 1))).toThrow('All values in `observed` must be nonnegative.');
    expect(() => chi2Contingency(new Float64Array(0), new Float64Array(0))).toThrow('No data; `observed` has size 0.');
  });

  it('throws RangeError on an all-zero table (scipy: NaN) and on misaligned counts', () => {
    expect(() => chi2Contingency(Float64Array.of(0, 0), Float64Array.of(0, 0))).toThrow(RangeError);
    expect(() => chi2Contingency(Float64Array.of(1, 2), Float64Array.of(1))).toThrow(RangeError);
  });
});
