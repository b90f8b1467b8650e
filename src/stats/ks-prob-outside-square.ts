/**
 * Exact two-sided tail of the two-sample Kolmogorov-Smirnov statistic for
 * equal sample sizes: P(D(n, n) ≥ h / n) under the null hypothesis, a port of
 * scipy 1.10's `_compute_prob_outside_square` (same operations, same order,
 * so the same float64 result).
 *
 * The reflection formula 2 · Σ_k (−1)^(k+1) C(2n, n − k·h) / C(2n, n) is
 * evaluated as 2·A0·(1 − A1·(1 − A2·(…))) with every ratio A_k built from h
 * simple factors, which avoids both the huge binomials and the subtractive
 * cancellation of the plain alternating sum.
 *
 * When the tail is close to 1 (small h) the result often comes out at
 * 1 + ulp or 1 + 2 ulp; scipy then abandons the exact answer, so callers
 * check the range.
 *
 * Cost: O(n + h) time, O(1) space.
 *
 * @param n the common sample size, n ≥ 1
 * @param h the statistic times n, an integer with 1 ≤ h ≤ n
 * @returns P(D ≥ h / n), possibly a rounding error outside [0, 1]
 * @throws never
 * @example
 * ksProbOutsideSquare(5, 3); // 0.35714285714285715 (= 2·C(10, 2) / C(10, 5))
 */
export function ksProbOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) {
      p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    }
    P = p1 * (1 - P);
  }
  return 2 * P;
}
