/**
 * Two-sample Kolmogorov-Smirnov statistic of a sorted sample against a
 * sample given as distinct values with counts (a window that saw few
 * distinct values): the same merge, and the same i/n1 − j/n2 differences,
 * as `ksStatisticSorted` on the expanded sample, so the result is bit for
 * bit the exact statistic.
 *
 * Cost: O(n1 + m) for m distinct values.
 *
 * @param a first sample, finite, ascending
 * @param values the second sample's distinct values, ascending
 * @param counts rows per value, aligned with `values`
 * @param n2 Σ counts
 * @returns D in [0, 1]; 0 when either sample is empty
 * @throws never
 * @example
 * ksStatisticWeighted(Float64Array.of(1, 2, 3), Float64Array.of(2, 3, 4), Float64Array.of(1, 1, 1), 3);
 * // 0.33333333333333337
 */
export function ksStatisticWeighted(a: Float64Array, values: Float64Array, counts: Float64Array, n2: number): number {
  const n1 = a.length;
  const m = values.length;
  if (n1 === 0 || n2 === 0) return 0;
  let i = 0;
  let k = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  while (i < n1 && k < m) {
    const ai = a[i];
    const bk = values[k];
    const v = Math.min(ai, bk);
    while (i < n1 && a[i] <= v) i++;
    while (k < m && values[k] <= v) j += counts[k++];
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    else if (diff < minDiff) minDiff = diff;
  }
  const minS = -minDiff;
  return Math.max(minS, maxDiff);
}
