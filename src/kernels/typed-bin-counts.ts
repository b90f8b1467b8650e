/**
 * Batch binning on typed arrays, exact in float64.
 */
import { type BinLookup, buildBinLookup, lookupPays } from './bin-lookup.js';
import { checkBatch } from './check-kernel-input.js';
import type { ValidityMasks } from './kernel-types.js';

/** `searchsorted(edges, x, 'right')` over edges[lo, hi) when every edge before lo is ≤ x and every edge from hi on is > x. */
function searchRight(edges: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binColumnSearch(x: Float64Array, v: Uint8Array | null, edges: Float64Array, counts: Uint32Array): void {
  const k = edges.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    // xi - xi is NaN for NaN and ±Infinity: the one test for "missing".
    if (xi - xi !== 0 || (v !== null && v[i] === 0)) continue;
    counts[searchRight(edges, xi, 0, k)]++;
  }
}

function binColumnLookup(x: Float64Array, v: Uint8Array | null, edges: Float64Array, t: BinLookup, counts: Uint32Array): void {
  const { first, last, scale, cells, start } = t;
  const k = edges.length;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi - xi !== 0 || (v !== null && v[i] === 0)) continue;
    if (xi < first) counts[0]++;
    else if (xi >= last) counts[k]++;
    else {
      const g = Math.min(Math.floor((xi - first) * scale), cells);
      counts[searchRight(edges, xi, start[g], start[g + 1])]++;
    }
  }
}

/**
 * Counts per feature per bin, as `numpy.searchsorted(edges, x, side='right')`
 * then `bincount`; non-finite values and rows with validity 0 are skipped.
 * Bin 0 is the underflow (−∞, e0), bin k the overflow [e(k−1), +∞).
 *
 * `method` `lookup` narrows each search with a grid table
 * ({@link buildBinLookup}); `search` is the plain binary search; both are
 * exact. `auto` (default) builds the table only when the batch is long
 * enough to pay for it ({@link lookupPays}: measured, 100 rows bin 2–3×
 * faster without it, 1,000 rows faster with it; bench/RESULTS.md).
 *
 * Cost: O(F · (n · log(edges per cell) + k)) with the table, O(F · n · log k) without.
 *
 * @param columns one Float64Array per feature, all of one length
 * @param edges per feature, finite and ascending (ties allowed)
 * @param valid per feature, 1 = valid, or null
 * @throws {RangeError} on mismatched lengths, or edges that are unsorted or not finite
 * @example
 * typedBinCounts([Float64Array.of(-1, 0, 0.5, 1, 2, NaN)], [Float64Array.of(0, 1)]);
 * // [Uint32Array [1, 2, 2]]
 */
export function typedBinCounts(
  columns: readonly Float64Array[],
  edges: readonly Float64Array[],
  valid?: ValidityMasks,
  method: 'auto' | 'lookup' | 'search' = 'auto',
): Uint32Array[] {
  const rows = checkBatch(columns, edges, valid);
  return columns.map((x, f) => {
    const e = edges[f];
    const counts = new Uint32Array(e.length + 1);
    const v = valid?.[f] ?? null;
    const useTable = method === 'lookup' || (method === 'auto' && lookupPays(rows, e.length));
    const table = useTable ? buildBinLookup(e) : null;
    if (table !== null) binColumnLookup(x, v, e, table, counts);
    else binColumnSearch(x, v, e, counts);
    return counts;
  });
}
