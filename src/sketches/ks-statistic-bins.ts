import { nextUp } from './next-up.js';

/** Result of {@link ksStatisticBins}. */
export interface KsBinsEstimate {
  /** max over edges of |F_ref(e⁻) − F_win(e⁻)|, formed as i/n1 − j/n2 like numpy: a lower bound of the exact D. */
  statistic: number;
  /** A certified upper bound of the exact D. */
  upper: number;
}

/**
 * Two-sample Kolmogorov-Smirnov statistic from counts on shared bins
 * (-inf, e0), [e0, e1), ..., [e_last, +inf): both empirical CDFs are known
 * exactly just below every edge, so their largest gap there is a lower
 * bound of D = sup |F_ref − F_win|. Inside bin b the gap can grow past the
 * larger of its two edge values by at most min(r_b, w_b), the smaller of the
 * two samples' shares of the bin (the gap only rises with the reference's
 * mass and only falls with the window's), so
 *
 *   statistic <= D <= max_b (max(|gap at b's edges|) + min(r_b, w_b)) = upper.
 *
 * A bin [v, nextUp(v)) holds one value, so both CDFs step there together and
 * it adds nothing; pass `edges` to have such bins recognised. With the
 * reference profile's fine edges every other bin holds at most 1/grid + 2/n1
 * of the reference, so D − statistic <= 1/grid + 2/n1 for any window.
 *
 * Cost: O(bins).
 *
 * @param refCounts reference rows per bin
 * @param n1 reference rows (Σ refCounts), > 0
 * @param winCounts window rows per bin, aligned
 * @param n2 window rows, > 0
 * @param edges the bins' edges (optional): single-value bins add no slack
 * @returns the statistic and its upper bound
 * @throws RangeError when the bins are not aligned
 * @example
 * ksStatisticBins(Float64Array.of(0, 2, 2, 0), 4, Float64Array.of(0, 0, 2, 2), 4);
 * // { statistic: 0.5, upper: 1 }  (bin 2 holds two rows of each: their order is unknown)
 */
export function ksStatisticBins(refCounts: Float64Array, n1: number, winCounts: Float64Array, n2: number, edges?: Float64Array): KsBinsEstimate {
  if (refCounts.length !== winCounts.length) throw new RangeError(`KS needs aligned bins: ${refCounts.length} vs ${winCounts.length}`);
  let i = 0;
  let j = 0;
  let before = 0;
  let statistic = 0;
  let upper = 0;
  const last = refCounts.length - 1;
  for (let b = 0; b <= last; b++) {
    const r = refCounts[b];
    const w = winCounts[b];
    i += r;
    j += w;
    const after = b === last ? 0 : i / n1 - j / n2;
    const gap = Math.abs(after);
    if (gap > statistic) statistic = gap;
    const single = edges !== undefined && b > 0 && b < last && edges[b] === nextUp(edges[b - 1]);
    const edge = Math.max(Math.abs(before), gap) + (single ? 0 : Math.min(r / n1, w / n2));
    if (edge > upper) upper = edge;
    before = after;
  }
  return { statistic, upper: Math.min(1, Math.max(upper, statistic)) };
}
