/** Result of {@link ksWassersteinSorted}. */
export interface KsWasserstein {
  /** D = sup |F_a − F_b|, bit for bit as ksStatisticSorted(a, b) */
  ks: number;
  /** first Wasserstein distance, bit for bit as wassersteinSorted(a, b) */
  wasserstein: number;
}

/**
 * The two-sample Kolmogorov-Smirnov statistic and the first Wasserstein
 * distance of two sorted samples from one merge of the two arrays, each bit
 * for bit as its own kernel (ksStatisticSorted, wassersteinSorted).
 *
 * The merge is wassersteinSorted's: values are taken one at a time (a before
 * b on ties), and before taking x the counts i = #{a taken}, j = #{b taken}
 * form the term |i/n_a − j/n_b| · (x − prev) with Kahan compensation, in
 * scipy's order. When x > prev every value <= prev has been taken, so i and
 * j are then `searchsorted(..., prev, side='right')` and |i/n_a − j/n_b| is
 * the CDF difference at prev that ks_2samp evaluates, formed by the same
 * float64 operations; D is the largest of these (the tails, where one sample
 * is used up, only shrink the difference, as ksStatisticSorted notes).
 *
 * Cost: O(n_a + n_b) time, O(1) space; one pass instead of two.
 *
 * @param a first sample's finite values, ascending, not empty
 * @param b second sample's finite values, ascending, not empty
 * @returns `ks` in [0, 1] and `wasserstein` >= 0 (+Infinity if a gap overflows, as scipy)
 * @throws RangeError when a sample is empty (scipy: "Distribution can't be empty.")
 * @example
 * ksWassersteinSorted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8)); // { ks: 1, wasserstein: 5 }
 */
export function ksWassersteinSorted(a: Float64Array, b: Float64Array): KsWasserstein {
  if (a.length === 0 || b.length === 0) throw new RangeError("Distribution can't be empty.");
  const out = new Float64Array(2);
  merge(a, b, out);
  const sum = out[1];
  // An infinite term (a gap beyond DBL_MAX) turns the compensation into NaN; the sum is +Infinity then.
  return { ks: out[0], wasserstein: Number.isNaN(sum) ? Number.POSITIVE_INFINITY : sum };
}

/**
 * The merge, alone in its function: V8 compiles the hot loop on its first
 * call (on-stack replacement) before anything after the loop has run, so
 * code there would deoptimize it; here only two stores follow the loop.
 */
function merge(a: Float64Array, b: Float64Array, out: Float64Array): void {
  const na = a.length;
  const nb = b.length;
  let i = 0;
  let j = 0;
  // fa = i / na and fb = j / nb, each divided again only when its count moves (same quotients, half the divisions)
  let fa = 0;
  let fb = 0;
  let prev = Math.min(a[0], b[0]);
  let ks = 0;
  let sum = 0;
  let c = 0;
  // One loop to the end of both samples, a used-up sample reading as +Infinity: a separate tail
  // loop would be compiled without type feedback and deoptimize on every call that reaches it.
  for (let left = na + nb; left > 0; left--) {
    const ai = i < na ? a[i] : Number.POSITIVE_INFINITY;
    const bj = j < nb ? b[j] : Number.POSITIVE_INFINITY;
    // biome-ignore lint/complexity/useMathMinMax: the same comparison decides which index advances
    const x = ai <= bj ? ai : bj;
    const d = Math.abs(fa - fb);
    if (d > ks && x !== prev) ks = d;
    const y = d * (x - prev) - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
    prev = x;
    if (ai <= bj) fa = ++i / na;
    else fb = ++j / nb;
  }
  out[0] = ks;
  out[1] = sum;
}
