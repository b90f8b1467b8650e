import { chi2Sf } from './chi2-sf.js';
import { pairwiseSum } from './pairwise-sum.js';

/**
 * Pearson's chi-squared test of independence on the 2×k table
 * [refCounts, curCounts], as `scipy.stats.chi2_contingency(table,
 * correction=False)` (scipy 1.10): expected[i][j] = row_i · col_j / total,
 * statistic = Σ (observed − expected)² / expected summed as numpy does
 * (pairwise, reference row first), dof = k − 1, p-value = chi2.sf(statistic,
 * dof). With one category (dof 0) scipy's degenerate case applies: statistic
 * 0, p-value 1. Pass only categories seen in either sample: a category with
 * no rows on both sides makes an expected frequency 0, which scipy rejects.
 *
 * Cost: O(k) for k categories.
 *
 * @param refCounts reference rows per category
 * @param curCounts current rows per category, aligned with `refCounts`
 * @returns `statistic`, `pvalue` and `dof`
 * @throws RangeError where scipy raises ValueError: a negative count ("All
 *   values in `observed` must be nonnegative."), no categories ("No data;
 *   `observed` has size 0."), or an expected frequency of 0, as when a sample
 *   is empty ("The internally computed table of expected frequencies has a
 *   zero element at (0, 0)."); also when the lengths differ, a count is not
 *   finite, or every count is 0 (scipy returns NaN there, or 0 and 1 for k = 1)
 * @example
 * chi2Contingency(Float64Array.of(10, 20, 30), Float64Array.of(30, 20, 10));
 * // { statistic: 20, pvalue: 0.00004539992976248486, dof: 2 }
 */
export function chi2Contingency(
  refCounts: Float64Array,
  curCounts: Float64Array,
): { statistic: number; pvalue: number; dof: number } {
  const k = refCounts.length;
  if (curCounts.length !== k) throw new RangeError(`chi-squared needs aligned categories: ${k} reference vs ${curCounts.length} current`);
  const observed = new Float64Array(2 * k);
  observed.set(refCounts, 0);
  observed.set(curCounts, k);
  for (let i = 0; i < observed.length; i++) {
    const o = observed[i];
    if (o < 0) throw new RangeError('All values in `observed` must be nonnegative.');
    if (!(o < Number.POSITIVE_INFINITY)) throw new RangeError(`chi-squared needs finite counts, got ${o}`);
  }
  if (k === 0) throw new RangeError('No data; `observed` has size 0.');
  const rows = [pairwiseSum(observed, 0, k), pairwiseSum(observed, k, 2 * k)];
  const total = pairwiseSum(observed);
  // scipy computes 0/0 expected frequencies here and returns NaN (or 0 and 1 for one category)
  if (total === 0) throw new RangeError('chi-squared is undefined: the table has no rows');
  const expected = new Float64Array(2 * k);
  for (let r = 0; r < 2; r++) {
    for (let j = 0; j < k; j++) {
      const e = (rows[r] * (observed[j] + observed[k + j])) / total;
      if (e === 0) {
        // scipy reports the first zero in row-major order
        const at = firstZero(rows, observed, k);
        throw new RangeError(`The internally computed table of expected frequencies has a zero element at (${at[0]}, ${at[1]}).`);
      }
      expected[r * k + j] = e;
    }
  }
  const dof = k - 1;
  if (dof === 0) return { statistic: 0, pvalue: 1, dof };
  const terms = new Float64Array(2 * k);
  for (let i = 0; i < 2 * k; i++) {
    const d = observed[i] - expected[i];
    terms[i] = (d * d) / expected[i];
  }
  const statistic = pairwiseSum(terms);
  return { statistic, pvalue: chi2Sf(statistic, dof), dof };
}

function firstZero(rows: number[], observed: Float64Array, k: number): [number, number] {
  for (let r = 0; r < 2; r++) {
    for (let j = 0; j < k; j++) {
      if (rows[r] === 0 || observed[j] + observed[k + j] === 0) return [r, j];
    }
  }
  return [0, 0]; // unreachable: a zero product needs a zero row or column sum
}
