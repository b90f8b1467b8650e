import { ldexp } from './ldexp.js';

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;

/** out = x · y for m × m row-major matrices (out must not alias x or y). */
function matmul(x: Float64Array, y: Float64Array, out: Float64Array, m: number): void {
  out.fill(0);
  for (let i = 0; i < m; i++) {
    const oi = i * m;
    for (let l = 0; l < m; l++) {
      const xil = x[oi + l];
      if (xil === 0) continue;
      const yl = l * m;
      for (let j = 0; j < m; j++) out[oi + j] += xil * y[yl + j];
    }
  }
}

/**
 * Kolmogorov distribution CDF P(D_n ≤ d) of the one-sample two-sided
 * statistic, by Durbin's matrix algorithm in the Marsaglia-Tsang-Wang form: the
 * (k, k) entry of H^n · n!/n^n with H the (2k−1)-square matrix built from
 * k = ⌈n·d⌉ and h = k − n·d. A port of scipy 1.10's `_kolmogn_DMTW`;
 * powers of H are rescaled by 2^128 with the exponent kept apart.
 *
 * Only the k-th row of the running product is kept (the value read at the
 * end), which gives the same numbers as scipy's full products.
 *
 * Cost: O(m³ log n) time with m = 2⌈n·d⌉ − 1, O(m²) space. Meant for
 * small n·d, which is where scipy's selector sends it.
 *
 * @param n sample size, an integer ≥ 1
 * @param d the statistic
 * @returns P(D_n ≤ d), clipped to [0, 1]
 * @throws never
 * @example
 * kolmogorovNCdfDurbin(10, 0.274); // 0.6284796154565043
 */
export function kolmogorovNCdfDurbin(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];

  // row = e_{k-1} · (product so far); scipy keeps the whole product Hpwr.
  let row = new Float64Array(m);
  let nextRow = new Float64Array(m);
  row[k - 1] = 1;
  let spare = new Float64Array(m * m);
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      nextRow.fill(0);
      for (let l = 0; l < m; l++) {
        const rl = row[l];
        if (rl === 0) continue;
        const hl = l * m;
        for (let j = 0; j < m; j++) nextRow[j] += rl * H[hl + j];
      }
      const t = row;
      row = nextRow;
      nextRow = t;
      expnt += Hexpnt;
    }
    nn = Math.floor(nn / 2);
    if (nn === 0) break; // scipy squares once more here; the square is never used
    matmul(H, H, spare, m);
    const t = H;
    H = spare;
    spare = t;
    Hexpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128;
      Hexpnt += E128;
    }
  }

  let p = row[k - 1];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return Math.min(Math.max(p, 0), 1);
}
