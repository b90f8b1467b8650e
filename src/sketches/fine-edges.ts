import { quantileSorted } from '../stats/quantile-sorted.js';
import { nextUp } from './next-up.js';

/**
 * Default number of reference quantile steps behind the fine edges, and of
 * uniform steps merged into them (a spec's `sketch.fine_bins`): KS bound
 * 1/512 + 2/n, ~1,025 edges a feature. 1,024 (the default before the
 * eighth session) measured worst errors of 1.2e-4 in KS and 0.08% in
 * Wasserstein against 512's 1.8e-4 and 0.14% (docs/sketches.md), for twice
 * the bins to count, store and merge: ~15% of the service's ingest CPU
 * (bench/RESULTS.md).
 */
export const DEFAULT_FINE_GRID = 512;

/**
 * Fine bin edges of a reference sample, for window sketches: the reference
 * quantiles at 0, 1/grid, ..., 1 (numpy's "linear" method, so the minimum
 * and the maximum are edges), every `extra` edge (the PSI edges, so a PSI
 * bin is a union of fine bins), and `nextUp(v)` after every edge value v
 * the reference holds more than once and after the maximum, so a tied value
 * sits alone in its bin [v, nextUp(v)). Bins are (-inf, e0), [e0, e1), ...,
 * [e_last, +inf), a value equal to an edge going up (searchsorted "right").
 *
 * What that buys: no reference value lies below e0 or at or above e_last, and
 * every bin that is not an isolated tie holds at most 1/grid + 2/n of the
 * reference. That is the bound behind every sketched KS and Wasserstein.
 *
 * Cost: O(grid log n) time, O(grid) memory.
 *
 * @param sorted the reference's finite values, ascending (may be empty)
 * @param grid number of quantile steps, an integer >= 1
 * @param extra edges that must be present (any order; may be empty)
 * @returns ascending distinct edges (empty when `sorted` and `extra` are)
 * @throws RangeError when `grid` is not an integer >= 1
 * @example
 * fineEdgesSorted(Float64Array.of(1, 2, 2, 3), 2, new Float64Array(0));
 * // Float64Array [1, 2, 2.0000000000000004, 3, 3.0000000000000004]
 */
export function fineEdgesSorted(sorted: Float64Array, grid: number, extra: Float64Array): Float64Array {
  if (!Number.isInteger(grid) || grid < 1) throw new RangeError(`grid must be an integer >= 1, got ${grid}`);
  const n = sorted.length;
  const raw: number[] = Array.from(extra);
  if (n > 0) for (let j = 0; j <= grid; j++) raw.push(quantileSorted(sorted, j / grid));
  const base = distinctSorted(raw);
  const out = Array.from(base);
  for (let i = 0; i < base.length; i++) {
    const v = base[i];
    if (n > 0 && (v === sorted[n - 1] || countOf(sorted, v) >= 2)) out.push(nextUp(v));
  }
  return distinctSorted(out);
}

/**
 * Edges for a reference with few distinct values: each value v and
 * nextUp(v), so every reference value has a bin of its own and the bins
 * between them hold no reference row.
 *
 * Cost: O(k log k) for k values.
 *
 * @param values the reference's distinct values, ascending
 * @returns the edges v0, nextUp(v0), v1, nextUp(v1), ... (deduplicated)
 * @throws never
 * @example
 * isolatingEdges(Float64Array.of(0, 1)); // Float64Array [0, 5e-324, 1, 1.0000000000000002]
 */
export function isolatingEdges(values: Float64Array): Float64Array {
  const out: number[] = [];
  for (const v of values) out.push(v, nextUp(v));
  return distinctSorted(out);
}

function distinctSorted(values: number[]): Float64Array {
  const a = Float64Array.from(values).sort();
  let k = 0;
  for (let i = 0; i < a.length; i++) if (k === 0 || a[i] !== a[k - 1]) a[k++] = a[i];
  return a.slice(0, k);
}

/** Occurrences of v in sorted data (two binary searches). */
function countOf(sorted: Float64Array, v: number): number {
  return upperBound(sorted, v) - lowerBound(sorted, v);
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
