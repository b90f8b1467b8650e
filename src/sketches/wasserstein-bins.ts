/** One side of {@link wassersteinBins}: rows and offset sums per bin. */
export interface BinnedSample {
  /** Rows per bin: (-inf, e0), [e0, e1), ..., [e_last, +inf). */
  counts: Float64Array;
  /** Σ (e0 − x) in bin 0; Σ (x − left edge) in every other bin. */
  offsets: Float64Array;
  /** Σ counts, > 0. */
  n: number;
}

/** Result of {@link wassersteinBins}. */
export interface WassersteinBinsEstimate {
  /** Σ_b |∫_b (F_ref − F_win)|: a lower bound of the exact distance. */
  distance: number;
  /** exact − distance <= bound (certified). */
  bound: number;
}

/**
 * First Wasserstein distance ∫ |F_ref − F_win| from counts and offset sums on
 * shared bins. The integral of an empirical CDF over a bin [l, r) is exact
 * from them: (rows below + rows in the bin) · (r − l) − Σ (x − l), all over
 * n; the unbounded end bins are exact too (Σ (e0 − x) and Σ (x − e_last)).
 * So on every bin where F_ref − F_win keeps one sign the bin's share of the
 * distance is exact, and summing |∫_b (F_ref − F_win)| is a lower bound that
 * misses only what cancels inside bins where the sign changes.
 *
 * Bound: inside bin b of width h the gap stays within min(L, R) − e and
 * max(L, R) + e (L, R the gaps at its edges, e = min(r_b, w_b), the smaller
 * share of the bin); when that range straddles 0 the bin's loss is at most
 * min(2h · min(hi, −lo), h · max(hi, −lo) − |∫_b|). The sum over bins is
 * `bound`. Fine reference bins keep each loss tiny; see docs/sketches.md.
 *
 * Cost: O(bins).
 *
 * @param edges the bins' edges, ascending
 * @param ref reference rows and offsets per bin
 * @param win window rows and offsets per bin
 * @returns the distance and its bound
 * @throws RangeError when the bins are not aligned with the edges
 * @example
 * // reference [0.5, 1.5], window [1.5, 2.5] on edges [0, 1, 2, 3]
 * wassersteinBins(Float64Array.of(0, 1, 2, 3),
 *   { counts: Float64Array.of(0, 1, 1, 0, 0), offsets: Float64Array.of(0, 0.5, 0.5, 0, 0), n: 2 },
 *   { counts: Float64Array.of(0, 0, 1, 1, 0), offsets: Float64Array.of(0, 0, 0.5, 0.5, 0), n: 2 });
 * // { distance: 1, bound: 0 }
 */
export function wassersteinBins(edges: Float64Array, ref: BinnedSample, win: BinnedSample): WassersteinBinsEstimate {
  const k = edges.length;
  const bins = k + 1;
  for (const s of [ref, win]) {
    if (s.counts.length !== bins || s.offsets.length !== bins) throw new RangeError(`Wasserstein needs ${bins} bins, got ${s.counts.length}`);
  }
  const n1 = ref.n;
  const n2 = win.n;
  let distance = Math.abs(ref.offsets[0] / n1 - win.offsets[0] / n2);
  if (k === 0) return { distance: 0, bound: 0 };
  let compensation = 0;
  let bound = 0;
  let cumR = ref.counts[0];
  let cumW = win.counts[0];
  let before = cumR / n1 - cumW / n2;
  for (let b = 1; b < k; b++) {
    const h = edges[b] - edges[b - 1];
    const cr = ref.counts[b];
    const cw = win.counts[b];
    const inR = (cumR + cr) * h - ref.offsets[b];
    const inW = (cumW + cw) * h - win.offsets[b];
    const integral = Math.abs(inR / n1 - inW / n2);
    const t = distance + integral;
    compensation += distance >= integral ? distance - t + integral : integral - t + distance;
    distance = t;
    cumR += cr;
    cumW += cw;
    const after = cumR / n1 - cumW / n2;
    const e = Math.min(cr / n1, cw / n2);
    const lo = Math.min(before, after) - e;
    const hi = Math.max(before, after) + e;
    if (lo < 0 && hi > 0) bound += Math.max(0, Math.min(2 * h * Math.min(hi, -lo), h * Math.max(hi, -lo) - integral));
    before = after;
  }
  distance += Math.abs(win.offsets[k] / n2 - ref.offsets[k] / n1);
  return { distance: distance + compensation, bound };
}
