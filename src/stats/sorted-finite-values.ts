import { copyFinite } from './copy-finite.js';
import { sortFiniteInRange } from './sort-float64.js';

/** Buffers a caller may lend to sortedFiniteValues, to reuse across columns. */
export interface SortBuffers {
  /** Receives the sorted values (the result is a view on it); at least as long as the column. */
  out?: Float64Array;
  /** Overwritten while sorting; at least as long as the column. */
  scratch?: Float64Array;
}

/**
 * The finite, valid values of a column sorted ascending (bit for bit as
 * `Float64Array.prototype.sort`, -0 before +0), and how many rows were
 * missing: finiteValues then sortFloat64, fused. The copy notes the range
 * the sort needs, so the column is read once and the copy is sorted in place.
 *
 * Missing rows as finiteValues: `valid[i] !== 1`, null, NaN, ±Infinity.
 *
 * Cost: O(n) time for 2048 or more kept values (one copying pass plus
 * sortFloat64's passes), O(n log n) below; allocates 2 × 8n bytes unless
 * `buffers` lends them (then nothing: the result is a view on `buffers.out`,
 * valid until the caller reuses it).
 *
 * @param values the column's values (a typed array, or an array that may hold null)
 * @param valid Arrow-style validity per row (1 = valid), or null when every row is valid
 * @param buffers optional reusable buffers
 * @returns `values`: the kept values, sorted; `missing`: `values.length` minus their count
 * @throws RangeError when `valid` is shorter than `values`
 * @example
 * sortedFiniteValues([3, NaN, -0, 1, Infinity, 0], null);
 * // { values: Float64Array [-0, 0, 1, 3], missing: 2 }
 */
export function sortedFiniteValues(
  values: ArrayLike<number>,
  valid: Uint8Array | null,
  buffers: SortBuffers = {},
): { values: Float64Array; missing: number } {
  const n = values.length;
  const out = buffers.out !== undefined && buffers.out.length >= n ? buffers.out : new Float64Array(n);
  const { kept, min, max } = copyFinite(values, valid, out);
  const sorted = kept === out.length ? out : out.subarray(0, kept);
  sortFiniteInRange(sorted, min, max, buffers.scratch);
  return { values: sorted, missing: n - kept };
}
