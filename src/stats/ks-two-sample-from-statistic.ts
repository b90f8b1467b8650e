import { kolmogorovNSf } from './kolmogorov-n.js';
import { ksExactFeasible, ksExactPvalue } from './ks-exact-pvalue.js';
import type { KsResult } from './ks-two-sample.js';
import { roundHalfEven } from './round-half-even.js';

/** scipy's `MAX_AUTO_N`: exact when both sizes are at most this. */
const MAX_AUTO_N = 10000;

/**
 * The rest of `ksTwoSampleSorted(a, b, 'auto')` once its statistic is known
 * (from ksWassersteinSorted's merge, so the samples are not merged twice):
 * scipy 1.10.1 `ks_2samp(..., method='auto')`. Exact when max(n1, n2) <=
 * 10000 (the statistic snapped to the lattice h / lcm(n1, n2); asymp when
 * the exact p-value leaves [0, 1] or lcm overflows int32), else
 * `kstwo.sf(D, round(n1·n2/(n1+n2)))`. The p-value is clipped to [0, 1].
 *
 * Cost: as ksTwoSampleSorted's p-value (O(1)-ish for asymp at large n).
 *
 * @param n1 first sample size, >= 1
 * @param n2 second sample size, >= 1
 * @param d the statistic, ksStatisticSorted(a, b)
 * @param mode scipy's `method`: 'auto' (default), 'exact' (asymp only when lcm overflows), 'asymp'
 * @returns the same statistic, p-value and method as ksTwoSampleSorted(a, b)
 * @throws RangeError when a size is below 1
 * @example
 * ksTwoSampleFromStatistic(5, 6, 1); // { statistic: 1, pvalue: 0.004329004329004329, method: 'exact' }
 */
export function ksTwoSampleFromStatistic(n1: number, n2: number, d: number, mode: 'auto' | 'exact' | 'asymp' = 'auto'): KsResult {
  if (!(n1 >= 1 && n2 >= 1)) throw new RangeError('ksTwoSampleFromStatistic: samples must not be empty');
  let statistic = d;
  let method: 'exact' | 'asymp';
  if (mode === 'auto') method = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  else if (mode === 'exact') method = ksExactFeasible(n1, n2) ? 'exact' : 'asymp';
  else method = 'asymp';
  let pvalue = Number.NaN;
  if (method === 'exact') {
    const exact = ksExactPvalue(n1, n2, d);
    statistic = exact.statistic;
    if (exact.ok) pvalue = exact.pvalue;
    else method = 'asymp';
  }
  if (method === 'asymp') {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    pvalue = kolmogorovNSf(roundHalfEven((m * n) / (m + n)), statistic);
  }
  return { statistic, pvalue: Math.min(Math.max(pvalue, 0), 1), method };
}
