/**
 * x · 2^e without intermediate overflow or underflow, as C's `ldexp` (up to
 * one rounding when the result is subnormal).
 *
 * Cost: O(1 + |e| / 1023).
 *
 * @param x the significand
 * @param e an integer exponent, any size
 * @returns x · 2^e, ±Infinity or ±0 when out of range
 * @throws never
 * @example
 * ldexp(3, -2); // 0.75
 * ldexp(2 ** -600, 1400); // 6.668014432879854e+240 (the factor 2 ** 1400 alone overflows)
 * ldexp(0.75, 1030); // Infinity
 */
export function ldexp(x: number, e: number): number {
  while (e > 1023) {
    x *= 2 ** 1023;
    e -= 1023;
    if (!Number.isFinite(x)) return x;
  }
  while (e < -1022) {
    x *= 2 ** -1022;
    e += 1022;
    if (x === 0) return x;
  }
  return x * 2 ** e;
}
