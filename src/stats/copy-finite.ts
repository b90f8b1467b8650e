/** What copyFinite kept: how many values, and their range (+Infinity, -Infinity when none). */
export interface FiniteCopy {
  kept: number;
  min: number;
  max: number;
}

/**
 * Copies the finite, valid values of a column, in order, to the front of
 * `out`, noting their smallest and largest value on the way (what a sort by
 * value needs next, without another pass).
 *
 * A row is skipped when `valid` says so (`valid[i] !== 1`), or its value is
 * null, NaN, +Infinity or -Infinity (CONTRACT.md: missing values are counted
 * and excluded from every statistic).
 *
 * Cost: O(n), one pass over the values; nothing allocated.
 *
 * @param values the column's values (a typed array, or an array that may hold null)
 * @param valid Arrow-style validity per row (1 = valid), or null when every row is valid
 * @param out receives the kept values; at least `values.length` long
 * @returns the count kept (`out[0:kept]`), and their min and max
 * @throws RangeError when `valid` or `out` is shorter than `values`
 * @example
 * copyFinite([4, NaN, -1, Infinity, 3], null, new Float64Array(5)); // { kept: 3, min: -1, max: 4 }; out starts 4, -1, 3
 */
export function copyFinite(values: ArrayLike<number>, valid: Uint8Array | null, out: Float64Array): FiniteCopy {
  const n = values.length;
  if (valid !== null && valid.length < n) throw new RangeError(`valid has ${valid.length} entries for ${n} values`);
  if (out.length < n) throw new RangeError(`out has room for ${out.length} of ${n} values`);
  const into: FiniteCopy = { kept: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  if (!ArrayBuffer.isView(values)) keepGeneric(values, valid, out, into);
  else if (valid === null) keepAll(values, out, into);
  else keepValid(values, valid, out, into);
  return into;
}

// `v - v === 0` is false exactly for NaN and ±Infinity.
function keepAll(values: ArrayLike<number>, out: Float64Array, into: FiniteCopy): void {
  let k = 0;
  let min = into.min;
  let max = into.max;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) {
      out[k++] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  into.kept = k;
  into.min = min;
  into.max = max;
}

function keepValid(values: ArrayLike<number>, valid: Uint8Array, out: Float64Array, into: FiniteCopy): void {
  let k = 0;
  let min = into.min;
  let max = into.max;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (valid[i] === 1 && v - v === 0) {
      out[k++] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  into.kept = k;
  into.min = min;
  into.max = max;
}

// Plain arrays may hold null (and `null - null === 0`), so check the type too.
function keepGeneric(values: ArrayLike<number>, valid: Uint8Array | null, out: Float64Array, into: FiniteCopy): void {
  let k = 0;
  let min = into.min;
  let max = into.max;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && v - v === 0 && (valid === null || valid[i] === 1)) {
      out[k++] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  into.kept = k;
  into.min = min;
  into.max = max;
}
