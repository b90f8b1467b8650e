import { quantileSorted } from './quantile-sorted.js';

/**
 * The bins of a numerical PSI (CONTRACT.md, Definitions, `psi`).
 *
 * - `edges`: k distinct cut points e1 < ... < ek and k + 1 bins
 *   (-inf, e1), [e1, e2), ..., [ek, +inf); a value equal to an edge goes up,
 *   as `numpy.searchsorted(edges, x, side="right")`.
 * - `values`: one bin per listed value (used when the reference has few
 *   distinct values).
 */
export type PsiBins = { kind: 'edges'; edges: Float64Array } | { kind: 'values'; values: Float64Array };

/** A reference with at most this many distinct values gets one bin per value. */
export const MAX_VALUE_BINS = 20;

/**
 * Numerical PSI bins from the sorted reference and current samples.
 *
 * When the reference has more than 20 distinct values the bins are cut at the
 * distinct values of `numpy.quantile(ref, [1/bins, ..., (bins-1)/bins])`
 * (numpy's "linear" method, deduplicated as `np.unique`); otherwise there is
 * one bin per distinct value of reference ∪ current, ascending (-0 and 0 are
 * one value, as in `np.unique`).
 *
 * Cost: O(bins log bins + d log n) for d distinct reference values examined
 * (at most 21), plus, for `values` bins, O(u log(n/u)) for the u distinct
 * values of the union (galloping over both sorted arrays).
 *
 * @param ref the reference's finite values, ascending, not empty
 * @param cur the current sample's finite values, ascending (may be empty)
 * @param bins number of quantile bins before deduplication (`psi_bins`), an integer >= 1
 * @returns the bins
 * @throws RangeError when `ref` is empty or `bins` is not an integer >= 1
 * @example
 * numericBinsSorted(Float64Array.of(1, 2, 2, 3), Float64Array.of(2, 5));
 * // { kind: 'values', values: Float64Array [1, 2, 3, 5] }
 */
export function numericBinsSorted(ref: Float64Array, cur: Float64Array, bins = 10): PsiBins {
  if (ref.length === 0) throw new RangeError('PSI bins need at least one reference value');
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be an integer >= 1, got ${bins}`);
  if (countDistinctUpTo(ref, MAX_VALUE_BINS + 1) <= MAX_VALUE_BINS) {
    return { kind: 'values', values: distinctUnion(ref, cur) };
  }
  const raw = new Float64Array(bins - 1);
  for (let i = 1; i < bins; i++) raw[i - 1] = quantileSorted(ref, i / bins);
  raw.sort();
  let k = 0;
  for (let i = 0; i < raw.length; i++) {
    if (k === 0 || raw[i] !== raw[k - 1]) raw[k++] = raw[i];
  }
  return { kind: 'edges', edges: raw.slice(0, k) };
}

/**
 * Counts per PSI bin of a sorted sample: for `edges` bins a binary search per
 * edge, for `values` bins a galloping search per value; the data is never
 * scanned. With `values` bins, a value that matches no bin is not counted.
 *
 * Cost: O(k log n) for k edges; O(u log(n/u)) for u values.
 *
 * @param sorted finite values, ascending
 * @param bins bins from `numericBinsSorted`
 * @returns counts, one per bin (`edges.length + 1`, or `values.length`)
 * @throws never
 * @example
 * countBinsSorted(Float64Array.of(1, 2, 2, 3, 7), { kind: 'edges', edges: Float64Array.of(2, 5) });
 * // Float64Array [1, 3, 1]
 */
export function countBinsSorted(sorted: Float64Array, bins: PsiBins): Float64Array {
  const n = sorted.length;
  if (bins.kind === 'edges') {
    const edges = bins.edges;
    const counts = new Float64Array(edges.length + 1);
    let below = 0;
    for (let j = 0; j < edges.length; j++) {
      const at = firstAtLeast(sorted, below, edges[j]);
      counts[j] = at - below;
      below = at;
    }
    counts[edges.length] = n - below;
    return counts;
  }
  const values = bins.values;
  const counts = new Float64Array(values.length);
  let at = 0;
  for (let j = 0; j < values.length && at < n; j++) {
    const start = firstAtLeast(sorted, at, values[j]);
    at = firstAbove(sorted, start, values[j]);
    counts[j] = at - start;
  }
  return counts;
}

/**
 * Counts per PSI bin of unsorted data (streaming windows). For `edges` bins
 * a lookup table over a uniform grid between the first and last edge gives,
 * per value, the edges certainly below it; at most the edges sharing its grid
 * cell are then compared, so most values cost one subtraction, one
 * multiplication and one or two comparisons. `values` bins use a binary
 * search per value; a value that matches no value bin is not counted.
 *
 * Cost: O(n + k) for k edges (O(n log k) for `values` bins).
 *
 * @param values finite values, any order (NaN lands in the first bin)
 * @param bins bins from `numericBinsSorted`
 * @returns counts, one per bin (`edges.length + 1`, or `values.length`)
 * @throws never
 * @example
 * countBins(Float64Array.of(7, 2, 1, 3, 2), { kind: 'edges', edges: Float64Array.of(2, 5) });
 * // Float64Array [1, 3, 1]
 */
export function countBins(values: Float64Array, bins: PsiBins): Float64Array {
  return bins.kind === 'edges' ? countEdgeBins(values, bins.edges) : countValueBins(values, bins.values);
}

function countEdgeBins(values: Float64Array, edges: Float64Array): Float64Array {
  const n = values.length;
  const k = edges.length;
  const counts = new Float64Array(k + 1);
  if (k === 0) {
    counts[0] = n;
    return counts;
  }
  // cell(v) is non-decreasing in v (IEEE subtraction and multiplication by a
  // positive scale are monotone, and the clamp keeps it so even when the scale
  // overflows), hence cell(e) < cell(x) implies e < x: below[g] edges are <= x.
  const cells = Math.max(1024, 4 * k);
  const lo = edges[0];
  const scale = cells / (edges[k - 1] - lo);
  const below = new Int32Array(cells + 2);
  for (let j = 0; j < k; j++) {
    const t = (edges[j] - lo) * scale;
    below[(t >= 0 ? (t < cells ? Math.floor(t) : cells) : 0) + 1]++;
  }
  for (let g = 1; g < below.length; g++) below[g] += below[g - 1];
  const perBin = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const t = (x - lo) * scale;
    let at = below[t >= 0 ? (t < cells ? Math.floor(t) : cells) : 0];
    while (at < k && edges[at] <= x) at++;
    perBin[at]++;
  }
  for (let j = 0; j <= k; j++) counts[j] = perBin[j];
  return counts;
}

function countValueBins(values: Float64Array, keys: Float64Array): Float64Array {
  const n = values.length;
  const k = keys.length;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const x = values[i];
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < k && keys[lo] === x) counts[lo]++;
  }
  return counts;
}

/** Distinct values of a sorted array, stopping once `limit` have been seen. */
function countDistinctUpTo(sorted: Float64Array, limit: number): number {
  let d = 0;
  for (let i = 0; i < sorted.length && d < limit; d++) i = firstAbove(sorted, i, sorted[i]);
  return d;
}

/** Ascending distinct values of two sorted arrays together; `a` has at most MAX_VALUE_BINS. */
function distinctUnion(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(MAX_VALUE_BINS + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    out[k++] = x;
    if (i < a.length && a[i] === x) i = firstAbove(a, i, x);
    if (j < b.length && b[j] === x) j = firstAbove(b, j, x);
  }
  return out.slice(0, k);
}

/** First index >= from whose value is >= x (galloping, then binary search). */
function firstAtLeast(sorted: Float64Array, from: number, x: number): number {
  const n = sorted.length;
  if (from >= n || sorted[from] >= x) return from;
  let lo = from; // sorted[lo] < x
  let step = 1;
  let hi = from + 1;
  while (hi < n && sorted[hi] < x) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > n) hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** First index >= from whose value is > x (galloping, then binary search). */
function firstAbove(sorted: Float64Array, from: number, x: number): number {
  const n = sorted.length;
  if (from >= n || sorted[from] > x) return from;
  let lo = from; // sorted[lo] <= x
  let step = 1;
  let hi = from + 1;
  while (hi < n && sorted[hi] <= x) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > n) hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid;
  }
  return hi;
}
