/**
 * First Wasserstein (earth mover's) distance between two samples, as
 * `scipy.stats.wasserstein_distance(a, b)` (scipy 1.10 `_cdf_distance`, p = 1),
 * computed as one linear merge of the two sorted samples without allocating.
 *
 * scipy sorts the pooled values x_0 <= x_1 <= ... and sums
 * |U(x_k) − V(x_k)| · (x_{k+1} − x_k), with U(x) = #{a <= x} / n_a. The merge
 * forms exactly these terms, in the same order and with the same operations
 * (ties give a zero gap, as in scipy; -0 and 0 are one value). Only the
 * summation differs: numpy adds pairwise, this adds with Kahan compensation
 * (every term is >= 0), so the two agree to a few ulps at any length.
 *
 * Cost: O(n_a + n_b) time, O(1) space.
 *
 * @param a first sample's finite values, ascending, not empty
 * @param b second sample's finite values, ascending, not empty
 * @returns the distance, >= 0 (+Infinity if a gap between values overflows, as in scipy)
 * @throws RangeError when a sample is empty (scipy: "Distribution can't be empty.")
 * @example
 * wassersteinSorted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8)); // 5
 */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) throw new RangeError("Distribution can't be empty.");
  let i = 0;
  let j = 0;
  // i, j: values taken so far = #{a <= prev}, #{b <= prev} whenever the next value exceeds prev
  let prev = Math.min(a[0], b[0]);
  let sum = 0;
  let c = 0;
  while (i < na && j < nb) {
    const ai = a[i];
    const bj = b[j];
    // biome-ignore lint/complexity/useMathMinMax: the same comparison decides which index advances
    const x = ai <= bj ? ai : bj;
    const y = Math.abs(i / na - j / nb) * (x - prev) - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
    prev = x;
    if (ai <= bj) i++;
    else j++;
  }
  for (; i < na; i++) {
    const x = a[i];
    const y = Math.abs(i / na - j / nb) * (x - prev) - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
    prev = x;
  }
  for (; j < nb; j++) {
    const x = b[j];
    const y = Math.abs(i / na - j / nb) * (x - prev) - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
    prev = x;
  }
  // An infinite term (a gap beyond DBL_MAX) turns the compensation into NaN; the sum is +Infinity then.
  return Number.isNaN(sum) ? Number.POSITIVE_INFINITY : sum;
}
