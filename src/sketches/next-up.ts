const word = new Float64Array(1);
const bits = new BigInt64Array(word.buffer);

/**
 * The next float64 above x (C's `nextafter(x, +Infinity)`, numpy's
 * `np.nextafter(x, np.inf)`). Fine edges use it to isolate a tied value v in
 * a bin [v, nextUp(v)) that holds v and nothing else.
 *
 * Cost: O(1).
 *
 * @param x any number
 * @returns the smallest float64 greater than x; NaN and +Infinity map to themselves
 * @throws never
 * @example
 * nextUp(1); // 1.0000000000000002
 * nextUp(-0); // 5e-324
 */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return Number.MIN_VALUE;
  word[0] = x;
  bits[0] += x > 0 ? 1n : -1n;
  return word[0];
}
