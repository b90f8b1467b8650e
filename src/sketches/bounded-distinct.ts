/** Default: exact value counts are kept while a sketch has seen at most this many distinct values. */
export const DEFAULT_MAX_DISTINCT = 64;

/**
 * Exact counts per distinct value while there are at most `limit` of them:
 * ascending values (-0 counted as 0, as `np.unique`) and their counts.
 * `null` once more than `limit` distinct values have been seen, for good.
 *
 * The rule is mergeable without loss: a ∪ b has more than `limit` distinct
 * values exactly when a or b already has, or their union has; so
 * `mergeDistinct(distinct(a), distinct(b))` equals `distinct(a ∪ b)` in
 * every case, in any order.
 */
export interface BoundedDistinct {
  values: Float64Array;
  counts: Float64Array;
}

/** The state of no values. */
export function emptyDistinct(): BoundedDistinct {
  return { values: new Float64Array(0), counts: new Float64Array(0) };
}

/**
 * Adds a column's finite, valid values to the counts, stopping at the first
 * value that would make `limit + 1` distinct values.
 *
 * Cost: O(n log limit) while exact (a cached last hit makes runs O(1)), O(1)
 * once `null`.
 *
 * @param state counts so far, or null (already too many)
 * @param values the column's values
 * @param valid 1 = valid per row, or null when every row is
 * @param limit the largest number of distinct values kept
 * @returns the new counts (a new object), or null
 * @throws never
 * @example
 * addDistinct(emptyDistinct(), Float64Array.of(2, 1, 2, NaN), null, 64);
 * // { values: Float64Array [1, 2], counts: Float64Array [1, 2] }
 */
export function addDistinct(
  state: BoundedDistinct | null,
  values: Float64Array,
  valid: Uint8Array | null,
  limit: number,
): BoundedDistinct | null {
  if (state === null) return null;
  const vals = new Float64Array(limit);
  const counts = new Float64Array(limit);
  let size = state.values.length;
  vals.set(state.values);
  counts.set(state.counts);
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] + 0; // -0 -> 0
    if (x - x !== 0 || (valid !== null && valid[i] !== 1)) continue;
    if (last >= 0 && vals[last] === x) {
      counts[last]++;
      continue;
    }
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (vals[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < size && vals[lo] === x) {
      counts[lo]++;
    } else {
      if (size === limit) return null;
      vals.copyWithin(lo + 1, lo, size);
      counts.copyWithin(lo + 1, lo, size);
      vals[lo] = x;
      counts[lo] = 1;
      size++;
    }
    last = lo;
  }
  return { values: vals.slice(0, size), counts: counts.slice(0, size) };
}

/**
 * Merges two bounded distinct-value counts (a sorted merge).
 *
 * Cost: O(limit).
 *
 * @param a first state or null
 * @param b second state or null
 * @param limit the largest number of distinct values kept
 * @returns the counts of both, or null when either is null or the union exceeds `limit`
 * @throws never
 * @example
 * mergeDistinct({ values: Float64Array.of(1), counts: Float64Array.of(2) },
 *               { values: Float64Array.of(1, 3), counts: Float64Array.of(1, 1) }, 64);
 * // { values: Float64Array [1, 3], counts: Float64Array [3, 1] }
 */
export function mergeDistinct(a: BoundedDistinct | null, b: BoundedDistinct | null, limit: number): BoundedDistinct | null {
  if (a === null || b === null) return null;
  const va = a.values;
  const vb = b.values;
  const values: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < va.length || j < vb.length) {
    if (j >= vb.length || (i < va.length && va[i] < vb[j])) {
      values.push(va[i]);
      counts.push(a.counts[i++]);
    } else if (i >= va.length || vb[j] < va[i]) {
      values.push(vb[j]);
      counts.push(b.counts[j++]);
    } else {
      values.push(va[i]);
      counts.push(a.counts[i++] + b.counts[j++]);
    }
    if (values.length > limit) return null;
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) };
}
