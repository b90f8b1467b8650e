/**
 * First Wasserstein distance between a sorted sample and a sample given as
 * distinct values with counts (a window that saw few distinct values), bit
 * for bit as `wassersteinSorted` on the expanded sample.
 *
 * `wassersteinSorted` takes the pooled values one at a time (a before b on
 * ties) and adds |i/na − j/nb| · (x − prev) with Kahan compensation. Within
 * a run of equal values every term after the first has a zero gap, but a
 * zero term still applies y = −c to the compensated sum; here each run is
 * one step with its gap and then the zero steps, replayed only until the
 * state (sum, c) stops changing: a zero step is the same map of (sum, c)
 * every time, so once it is a fixed point the rest of the run is too. A run
 * of a million copies costs one or two steps.
 *
 * Cost: O(na + m) for m distinct values.
 *
 * @param a first sample's finite values, ascending, not empty
 * @param values the second sample's distinct values, ascending, not empty
 * @param counts rows per value, aligned with `values`
 * @param nb Σ counts, > 0
 * @returns the distance, >= 0 (+Infinity if a gap overflows)
 * @throws RangeError when a sample is empty
 * @example
 * wassersteinWeighted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8), Float64Array.of(1, 1, 1), 3); // 5
 */
export function wassersteinWeighted(a: Float64Array, values: Float64Array, counts: Float64Array, nb: number): number {
  const na = a.length;
  const m = values.length;
  if (na === 0 || m === 0 || !(nb > 0)) throw new RangeError("Distribution can't be empty.");
  let i = 0;
  let k = 0;
  let j = 0;
  let prev = Math.min(a[0], values[0]);
  let sum = 0;
  let c = 0;
  while (i < na || k < m) {
    // a before b on ties, as wassersteinSorted
    const x = k >= m || (i < na && a[i] <= values[k]) ? a[i] : values[k];
    let fromA = 0;
    let last = x;
    while (i + fromA < na && a[i + fromA] === x) last = a[i + fromA++];
    const fromB = k < m && values[k] === x ? counts[k] : 0;
    if (fromB > 0) last = values[k];
    // the run's first element: the only one with a gap
    const y = Math.abs(i / na - j / nb) * (x - prev) - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
    // the other elements of the run: zero gaps, replayed to the fixed point
    for (let z = fromA + fromB - 1; z > 0; z--) {
      const yz = 0 - c;
      const tz = sum + yz;
      const cz = tz - sum - yz;
      if (Object.is(tz, sum) && Object.is(cz, c)) break;
      sum = tz;
      c = cz;
    }
    i += fromA;
    if (fromB > 0) {
      j += fromB;
      k++;
    }
    prev = last;
  }
  return Number.isNaN(sum) ? Number.POSITIVE_INFINITY : sum;
}
