import { ksProbOutsideBand } from './ks-prob-outside-band.js';
import { ksProbOutsideSquare } from './ks-prob-outside-square.js';
import { roundHalfEven } from './round-half-even.js';

/** Outcome of {@link ksExactPvalue}: scipy's `(success, d, prob)` triple. */
export interface KsExactAttempt {
  /** false when the exact computation left [0, 1] (scipy then falls back to asymp) */
  ok: boolean;
  /** the statistic snapped to the lattice: round(d · lcm) / lcm */
  statistic: number;
  /** P(D ≥ statistic); meaningful only when `ok` */
  pvalue: number;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * Whether scipy's `method='exact'` would try the exact distribution for these
 * sizes: it switches to asymp when lcm(n1, n2) would overflow int32
 * (`n1/g >= int32max / (n2/g)`).
 *
 * Cost: O(log min(n1, n2)).
 *
 * @param n1 first sample size, ≥ 1
 * @param n2 second sample size, ≥ 1
 * @returns true when the exact path is allowed
 * @throws never
 * @example
 * ksExactFeasible(10000, 9999); // true
 * ksExactFeasible(100000, 99999); // false
 */
export function ksExactFeasible(n1: number, n2: number): boolean {
  const g = gcd(n1, n2);
  return n1 / g < 2147483647 / (n2 / g);
}

/**
 * Exact two-sided p-value of the two-sample Kolmogorov-Smirnov test,
 * P(D(n1, n2) ≥ d) under the null hypothesis, as scipy 1.10's
 * `_attempt_exact_2kssamp(n1, n2, g, d, 'two-sided')`: d is first snapped
 * to the lattice of attainable values h / lcm(n1, n2) (h = round(d · lcm)),
 * then equal sizes use the reflection formula and unequal sizes Hodges'
 * inside method. A result outside [0, 1] is reported as `ok: false`,
 * exactly where scipy falls back to the asymptotic distribution: for equal
 * sizes the tail often rounds to 1 + ulp when it is close to 1 (small D;
 * e.g. n = 5, D = 1/5 or n = 10000, D = 7/10000), the inside method never
 * leaves [0, 1].
 *
 * Cost: O(n + h) for equal sizes; O(max · band) ≤ O(n1 · n2) otherwise
 * (see {@link ksProbOutsideBand}).
 *
 * @param n1 first sample size, ≥ 1
 * @param n2 second sample size, ≥ 1
 * @param d the observed statistic in [0, 1]
 * @returns the attempt: snapped statistic, p-value, success flag
 * @throws never
 * @example
 * ksExactPvalue(5, 6, 1); // { ok: true, statistic: 1, pvalue: 0.004329004329004329 }
 * ksExactPvalue(5, 5, 0.2); // { ok: false, statistic: 0.2, pvalue: 1.0000000000000002 }
 */
export function ksExactPvalue(n1: number, n2: number, d: number): KsExactAttempt {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { ok: true, statistic, pvalue: 1 };
  const pvalue = n1 === n2 ? ksProbOutsideSquare(n1, h) : ksProbOutsideBand(n1, n2, g, h);
  return { ok: pvalue >= 0 && pvalue <= 1, statistic, pvalue };
}
