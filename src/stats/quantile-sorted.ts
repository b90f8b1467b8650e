/**
 * Quantile of sorted data, bit for bit as `numpy.quantile(x, q)` with the
 * default method="linear" (numpy 1.24 `_quantile`, `_get_indexes`, `_lerp`).
 *
 * The virtual index is `(n - 1) * q`; below index 0 the minimum is taken, at
 * or beyond `n - 1` the maximum. Otherwise, with `a`, `b` the neighbours and
 * `t` the fractional part, numpy's lerp is `a + (b - a) * t`, or
 * `b - (b - a) * (1 - t)` when `t >= 0.5`: the same operations in the same
 * order, because an edge one ulp off moves values between PSI bins.
 *
 * Cost: O(1).
 *
 * @param sorted finite values, ascending
 * @param q the quantile, 0 <= q <= 1
 * @returns the interpolated quantile
 * @throws RangeError when `sorted` is empty or `q` is outside [0, 1] (numpy raises too)
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.1); // 1.3
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`Quantiles must be in the range [0, 1], got ${q}`);
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1];
  const previous = Math.floor(virtual);
  const t = virtual - previous;
  const a = sorted[previous];
  const b = sorted[previous + 1];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
