/** cephes MINLOG = log(2^-1022): exp of anything smaller underflows. */
const MINLOG = -708.3964185322641;
const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const SPLITTER = 134217729; // 2^27 + 1
const TWO_P500 = 2 ** 500;
const TWO_M500 = 2 ** -500;

/**
 * n·x split into floor and fraction *exactly* (scipy's `modNX`): the product
 * is formed as an unevaluated sum hi + lo (Dekker), so e.g. 10 · 0.3 (just
 * below 3) floors to 2. A fraction that rounds to 1 is carried up.
 * Writes [floor, alpha, hi, lo] into out.
 */
function modNX(n: number, x: number, out: Float64Array): void {
  const hi = n * x;
  let c = SPLITTER * n;
  const nh = c - (c - n);
  const nl = n - nh;
  c = SPLITTER * x;
  const xh = c - (c - x);
  const xl = x - xh;
  const lo = nh * xh - hi + nh * xl + nl * xh + nl * xl;
  let fl = Math.floor(hi);
  let flLo = 0;
  if (fl === hi) {
    flLo = Math.floor(lo);
    const s = fl + flLo;
    flLo = flLo - (s - fl);
    fl = s;
  }
  // alpha = (hi + lo) - (fl + flLo), leading part
  const d = hi - fl; // exact: fl is hi with its fraction bits dropped
  let alpha = d + (lo - flLo);
  let nxfl = fl;
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  out[0] = nxfl;
  out[1] = alpha;
  out[2] = hi;
  out[3] = lo;
}

/**
 * One-sided Kolmogorov-Smirnov (Smirnov) survival function P(D⁺_n ≥ x) for a
 * sample of size n: the Birnbaum-Tingey / Smirnov sum
 * x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v),
 * or, for small x, one minus the short alternating upper sum. A port of
 * `scipy.special.smirnov` (cephes `kolmogorov.c`, van Mulbregt 2018) with
 * its special cases, term selection and early exit; the terms are formed in
 * logarithms in float64 where scipy uses double-double, which costs about
 * n·2⁻⁵³ relative accuracy (≈ 1e-10 at n = 10⁶) and nothing in branch choice,
 * since floor(n·x) is computed exactly as in scipy.
 *
 * Cost: O(n) time at worst (the sum stops once terms are negligible), O(1) space.
 *
 * @param n sample size, an integer ≥ 1
 * @param x the statistic
 * @returns P(D⁺_n ≥ x) in [0, 1]; NaN when x ∉ [0, 1] or n < 1
 * @throws never
 * @example
 * smirnovSf(10, 0.3); // 0.13546355559999998 (scipy: 0.1354635556)
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  const mod = new Float64Array(4);
  modNX(n, x, mod);
  const nxfl = mod[0];
  const alpha = mod[1];
  const nxHi = mod[2];
  const nxLo = mod[3];
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  // alpha = 0: the last term of either sum is zero; leave it out.
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }

  // x ≤ 1/n
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const t = (1 + x) ** (n - 1);
    return 1 - x * t;
  }
  // sf underflows
  if (-2 * n * x * x < MINLOG) return 0;
  // x ≥ 1 − 1/n
  if (nxfl >= n - 1) return (1 - x) ** n;
  // n too big to sum: p ≈ exp(−(6nx + 1)² / 18n)
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    if (logp < -Math.LN2) return Math.exp(logp);
    return 1 - -Math.expm1(logp);
  }

  // The upper sum alternates in sign: only when it is a few terms long.
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  const vmid = Math.floor(n / 2);
  let Aj: number;
  if (useUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    Aj = (1 + x) ** (n - 1);
  } else {
    Aj = (1 - x) ** n / x;
  }
  let AjSum = Aj;
  // C(n, j) = cman · 2^cexp, kept in range by exact power-of-two steps: the
  // binomial itself overflows doubles (scipy keeps a frexp'd double-double).
  let cman = n; // C(n, 1)
  let cexp = 0;
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    // A_v = C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v), in logs; the last
    // base is negative in the upper sum. n·x enters as hi + lo.
    const t1n = v + nxHi + nxLo;
    const t2n = n - v - nxHi - nxLo;
    const logAbs =
      Math.log(cman) + cexp * Math.LN2 + (v - 1) * Math.log(t1n / n) + (n - v) * Math.log(Math.abs(t2n) / n);
    Aj = Math.exp(logAbs);
    if (t2n < 0 && (n - v) % 2 === 1) Aj = -Aj;
    if (Number.isFinite(Aj) && Aj !== 0) AjSum += Aj;
    if (Aj !== 0) {
      if (4 * (nTerms - j) * Math.abs(Aj) < Number.EPSILON * AjSum && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    cman *= (n - j) / (j + 1);
    if (cman > TWO_P500) {
      cman *= TWO_M500;
      cexp += 500;
    } else if (cman < TWO_M500) {
      cman *= TWO_P500;
      cexp -= 500;
    }
  }
  const prob = x * AjSum;
  const sf = step < 0 ? 1 - prob : prob;
  return Math.min(Math.max(sf, 0), 1);
}
