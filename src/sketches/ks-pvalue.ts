import { ksTwoSampleFromStatistic } from '../stats/ks-two-sample-from-statistic.js';

/**
 * The p-value step of `ksTwoSampleSorted(a, b, 'auto')` for a statistic
 * found some other way (here: from sketches), so a sketch's KS test runs the
 * same distribution as exact mode: the exact null distribution when
 * max(n1, n2) <= 10000 (statistic snapped to the lattice h / lcm(n1, n2);
 * asymp when that leaves [0, 1]), else `kstwo.sf(D, round(n1·n2/(n1+n2)))`.
 *
 * Cost: as ksTwoSampleSorted's p-value.
 *
 * @param n1 first sample size, >= 1
 * @param n2 second sample size, >= 1
 * @param d the statistic
 * @returns statistic (snapped on the exact path), p-value in [0, 1], method
 * @throws never
 * @example
 * ksPvalue(5, 6, 1); // { statistic: 1, pvalue: 0.004329004329004329, method: 'exact' }
 */
export function ksPvalue(n1: number, n2: number, d: number): { statistic: number; pvalue: number; method: 'exact' | 'asymp' } {
  return ksTwoSampleFromStatistic(n1, n2, d);
}
