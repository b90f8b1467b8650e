/**
 * Two-sample Kolmogorov-Smirnov statistic D = sup |F1(x) − F2(x)| of two
 * sorted samples, as `scipy.stats.ks_2samp` (two-sided) computes it: the
 * empirical CDFs are evaluated at every pooled value with
 * `searchsorted(..., side='right')`, so tied values step together, and each
 * difference is formed as `i / n1 − j / n2` in float64 like numpy does.
 *
 * One merge pass over both arrays; nothing is allocated.
 *
 * Cost: O(n1 + n2) time, O(1) space.
 *
 * @param a first sample, sorted ascending, finite (not checked)
 * @param b second sample, sorted ascending, finite (not checked)
 * @returns D in [0, 1]; 0 when either sample is empty
 * @throws never
 * @example
 * ksStatisticSorted(Float64Array.of(1, 2, 3, 4), Float64Array.of(3, 4, 5, 6)); // 0.5
 */
export function ksStatisticSorted(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return 0;
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  while (i < n1 && j < n2) {
    const x = a[i];
    const y = b[j];
    if (x !== y) {
      // Step past the smaller head, branch-free (the merge order is random).
      // Duplicates inside one sample need no grouping: while only i (or only
      // j) moves, the difference moves one way, so the values in between
      // never exceed the ones at both ends of the run.
      const t = +(x < y);
      i += t;
      j += 1 - t;
    } else {
      // A value present in both samples: count every copy on both sides
      // before comparing (searchsorted side='right').
      i++;
      j++;
      while (i < n1 && a[i] === x) i++;
      while (j < n2 && b[j] === x) j++;
    }
    const diff = i / n1 - j / n2;
    maxDiff = Math.max(maxDiff, diff);
    minDiff = Math.min(minDiff, diff);
  }
  // Past the end of one sample its CDF is 1 and the other only climbs
  // towards 1, so |diff| only shrinks from here: the extremes are seen.
  return Math.max(-minDiff, maxDiff);
}
