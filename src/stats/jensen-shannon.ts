import { pairwiseSum } from './pairwise-sum.js';

/**
 * Jensen-Shannon distance between two binned distributions, CONTRACT.md's
 * `jensen_shannon`: `scipy.spatial.distance.jensenshannon(ref_shares,
 * cur_shares, base)` (scipy 1.10) with shares = count / total.
 *
 * The inputs are first turned into shares (value / Σ values), then scipy's
 * steps run on those shares: normalise again (p / Σp, as scipy does), m =
 * (p + q) / 2, distance = sqrt((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / ln(base) / 2),
 * where rel_entr(x, y) = x · ln(x / y), and 0 when x = 0; the sums are numpy's
 * pairwise sums in numpy's order. Forming the shares first is what makes
 * counts give scipy's value on shares bit for bit: the two halves cancel when
 * the distributions are close, so normalising counts directly would differ
 * from scipy by ~1e-9 relative at distances near 1e-4. Used without PSI's
 * zero replacement; with base 2 the range is 0..1.
 *
 * Cost: O(k) for k bins, O(k) scratch.
 *
 * @param p first distribution (counts or shares, >= 0)
 * @param q second distribution, aligned with `p`
 * @param base logarithm base (default 2)
 * @returns the distance
 * @throws RangeError when the lengths differ, there are no bins, a value is
 *   negative or not finite, or a distribution sums to 0 (scipy returns NaN there)
 * @example
 * jensenShannon(Float64Array.of(1, 0), Float64Array.of(0, 1)); // 1
 * jensenShannon(Float64Array.of(50, 50), Float64Array.of(25, 75)); // 0.22089576884901735
 */
export function jensenShannon(p: Float64Array, q: Float64Array, base = 2): number {
  const k = p.length;
  if (q.length !== k) throw new RangeError(`Jensen-Shannon needs aligned bins: ${k} vs ${q.length}`);
  if (k === 0) throw new RangeError('Jensen-Shannon needs at least one bin');
  const pn = normalised(p, 'first');
  const qn = normalised(q, 'second');
  const left = new Float64Array(k);
  const right = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const m = (pn[i] + qn[i]) / 2.0;
    left[i] = relEntr(pn[i], m);
    right[i] = relEntr(qn[i], m);
  }
  let js = pairwiseSum(left) + pairwiseSum(right);
  js /= Math.log(base);
  return Math.sqrt(js / 2.0);
}

/** scipy.special.rel_entr for x >= 0, y >= 0 (y > 0 whenever x > 0 here). */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  return x === 0 ? 0 : Number.POSITIVE_INFINITY;
}

/** Shares (value / total), then scipy's `p / np.sum(p)` applied to them. */
function normalised(values: Float64Array, which: string): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) throw new RangeError(`Jensen-Shannon needs finite non-negative weights, got ${v}`);
  }
  const total = pairwiseSum(values);
  if (total === 0) throw new RangeError(`Jensen-Shannon is undefined: the ${which} distribution sums to 0`);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / total;
  // scipy's own normalisation, applied to the shares
  const sum = pairwiseSum(out);
  for (let i = 0; i < out.length; i++) out[i] = out[i] / sum;
  return out;
}
