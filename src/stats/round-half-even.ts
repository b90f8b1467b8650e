/**
 * Round to the nearest integer, ties to even, as `np.round` / `np.rint`.
 *
 * Cost: O(1).
 *
 * @param x a finite number
 * @returns the nearest integer; of two equally near, the even one
 * @throws never
 * @example
 * roundHalfEven(2.5); // 2
 * roundHalfEven(3.5); // 4
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
