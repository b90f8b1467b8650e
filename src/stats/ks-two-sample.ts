import { ksStatisticSorted } from './ks-statistic-sorted.js';
import { ksTwoSampleFromStatistic } from './ks-two-sample-from-statistic.js';

/** Result of {@link ksTwoSampleSorted}. */
export interface KsResult {
  /** D = sup |F1 − F2| (snapped to a multiple of 1/lcm(n1, n2) when the exact path ran) */
  statistic: number;
  /** two-sided p-value in [0, 1]; NaN only for `asymp` with n1 = n2 = 1, as scipy */
  pvalue: number;
  /** the distribution that produced the p-value */
  method: 'exact' | 'asymp';
}


/**
 * Two-sample two-sided Kolmogorov-Smirnov test on sorted samples, as
 * `scipy.stats.ks_2samp(a, b, alternative='two-sided', method=mode)` in
 * scipy 1.10.1.
 *
 * - `auto`: exact when max(n1, n2) ≤ 10000, else asymp.
 * - `exact`: the exact null distribution (Hodges' lattice-path count; for
 *   equal sizes the reflection formula); scipy switches to asymp when
 *   lcm(n1, n2) would overflow int32.
 * - `asymp`: `kstwo.sf(D, round(n1·n2/(n1+n2)))`, the one-sample two-sided
 *   distribution at the effective size.
 *
 * As in scipy, an exact p-value that comes out outside [0, 1] is replaced by
 * the asymptotic one and `method` says `asymp`: with equal sizes this is
 * common when p is within rounding of 1 (small D), where the formula lands
 * on 1 + ulp; the exact path still reports the statistic snapped
 * to the lattice h / lcm(n1, n2). The p-value is clipped to [0, 1].
 *
 * Cost: O(n1 + n2) for the statistic; the exact p-value adds O(n) for equal
 * sizes and up to O(n1·n2) for unequal ones (O(max · 2D·min) in general);
 * asymp adds at most O(n1·n2/(n1+n2)).
 *
 * @param a first sample, sorted ascending, finite (precondition, not checked)
 * @param b second sample, sorted ascending, finite (precondition, not checked)
 * @param mode `auto` (default), `exact` or `asymp`
 * @returns statistic, p-value and the method used
 * @throws {RangeError} when either sample is empty, or `mode` is unknown
 * @example
 * ksTwoSampleSorted(Float64Array.of(0, 1, 2, 3, 4), Float64Array.of(5, 6, 7, 8, 9, 10));
 * // { statistic: 1, pvalue: 0.004329004329004329, method: 'exact' }
 */
export function ksTwoSampleSorted(
  a: Float64Array,
  b: Float64Array,
  mode: 'auto' | 'exact' | 'asymp' = 'auto',
): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  if (mode !== 'auto' && mode !== 'exact' && mode !== 'asymp') {
    throw new RangeError(`ksTwoSampleSorted: mode must be 'auto', 'exact' or 'asymp', got '${String(mode)}'`);
  }
  if (n1 === 0 || n2 === 0) {
    throw new RangeError('ksTwoSampleSorted: samples must not be empty');
  }
  return ksTwoSampleFromStatistic(n1, n2, ksStatisticSorted(a, b), mode);
}
