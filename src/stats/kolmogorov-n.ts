import { kolmogorovNCdfDurbin } from './kolmogorov-n-durbin.js';
import { kolmogorovNCdfPelzGood } from './kolmogorov-n-pelz-good.js';
import { kolmogorovNCdfPomeranz } from './kolmogorov-n-pomeranz.js';
import { smirnovSf } from './smirnov-sf.js';

/** Stirling series coefficients B_2j / (2j(2j−1)), j = 8 … 1 (scipy's `_STIRLING_COEFFS`). */
const STIRLING_COEFFS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];
const LOG_2PI = Math.log(2 * Math.PI);

/** log(n! / n^n) by Stirling's series with the n·log n cancelled up front. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  const y = rn / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * y + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

function clip01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/**
 * Survival function of the Kolmogorov distribution, P(D_n > x) for the
 * one-sample two-sided Kolmogorov-Smirnov statistic D_n, as
 * `scipy.stats.kstwo.sf(x, n)` in scipy 1.10 (`_ksstats._kolmogn` with
 * `cdf=False`, behind the distribution's support and argument checks).
 *
 * The method is chosen as Simard & L'Ecuyer (2011) and scipy do: Ruben-Gambino
 * closed forms near the ends (n·x ≤ 1, n·x ≥ n − 1), 2·Smirnov for x ≥ 0.5,
 * then by n·x²: for n ≤ 140 Durbin's matrix (≤ 0.754693), Pomeranz (≤ 4),
 * 2·Smirnov; for larger n 0 (≥ 370), 2·Smirnov (≥ 2.2), Durbin's matrix when
 * n ≤ 100000 and n·x^1.5 ≤ 1.4, else Pelz-Good.
 *
 * Cost: at most O(n) (Smirnov's sum), O(m³ log n) with m ≤ ~120 (Durbin) or
 * O(n³x²) with n ≤ 140 (Pomeranz); O(1) for the closed forms.
 *
 * @param n sample size, an integer ≥ 1
 * @param x the statistic
 * @returns P(D_n > x) in [0, 1]: 1 for x ≤ 0.5/n, 0 for x ≥ 1; NaN when n is
 *   not an integer ≥ 1 or x is NaN (scipy's `badvalue`)
 * @throws never
 * @example
 * kolmogorovNSf(50, 0.2); // 0.03143877776953241
 */
export function kolmogorovNSf(n: number, x: number): number {
  if (!(n >= 1 && Number.isInteger(n)) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;

  const t = n * x;
  if (t <= 1) {
    // Ruben-Gambino: P(D_n ≤ x) = n!/n^n (2t − 1)^n for 1/2n ≤ x ≤ 1/n
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip01(1 - prob);
  }
  if (t >= n - 1) return clip01(2 * (1 - x) ** n); // Ruben-Gambino
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x)); // exact: D+ and D- cannot both reach x

  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) return clip01(1 - kolmogorovNCdfDurbin(n, x));
    if (nxsquared <= 4) return clip01(1 - kolmogorovNCdfPomeranz(n, x));
    return clip01(2 * smirnovSf(n, x)); // Miller's approximation
  }
  if (nxsquared >= 370) return 0;
  if (nxsquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  const cdf =
    n <= 100000 && n * x ** 1.5 <= 1.4 ? kolmogorovNCdfDurbin(n, x) : kolmogorovNCdfPelzGood(n, x);
  return clip01(1 - cdf);
}
