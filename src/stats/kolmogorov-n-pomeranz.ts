import { ldexp } from './ldexp.js';

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;

/** Ends [j1, j2] of the non-zero stretch of row i (scipy's `_pomeranz_compute_j1j2`). */
function rowBounds(i: number, n: number, ll: number, ceilf: number, roundf: number, out: Int32Array): void {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  out[0] = Math.max(j1 + 2, 0);
  out[1] = Math.min(j2, n);
}

/**
 * Kolmogorov distribution CDF P(D_n ≤ x) of the one-sample two-sided
 * statistic by Pomeranz's recursion (1974, ACM Algorithm 487): 2n + 1 rows,
 * each the convolution of the previous one with truncated Poisson weights,
 * the answer n! times the last entry. A port of scipy 1.10's
 * `_kolmogn_Pomeranz`, rescaling by 2^128 against underflow.
 *
 * Cost: O(n · (n·x)²) time, O(n·x) space. Meant for n ≤ 140, where scipy's
 * selector uses it.
 *
 * @param n sample size, an integer ≥ 1
 * @param x the statistic, 0 < x < 1
 * @returns P(D_n ≤ x), clipped to [0, 1]
 * @throws never
 * @example
 * kolmogorovNCdfPomeranz(20, 0.3); // 0.9569329333414838
 */
export function kolmogorovNCdfPomeranz(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  // (g/n)^m/m!, (2g/n)^m/m!, ((1-2g)/n)^m/m!: Poisson weights without e^-λ.
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * gOverN) / m;
    twogpower[m] = (twogpower[m - 1] * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * oneMinusTwoGOverN) / m;
  }

  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  const bounds = new Int32Array(2);
  rowBounds(0, n, ll, ceilf, roundf, bounds);
  let j1 = bounds[0];
  let j2 = bounds[1];
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    const tv = V0;
    V0 = V1;
    V1 = tv;
    const ts = V0s;
    V0s = V1s;
    V1s = ts;
    V1.fill(0);
    rowBounds(i, n, ll, ceilf, roundf, bounds);
    j1 = bounds[0];
    j2 = bounds[1];
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // conv = np.convolve(V0[k1-V0s : k1-V0s+ln2], pwrs[:ln2]); keep
      // conv[j1-k1 : j1-k1+convLen].
      const base = k1 - V0s;
      const srcLen = Math.min(ln2, npwrs - base);
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let vmax = 0;
      for (let c = 0; c < convLen; c++) {
        const kk = convStart + c;
        let s = 0;
        const lo = Math.max(0, kk - ln2 + 1);
        const hi = Math.min(kk, srcLen - 1);
        for (let a = lo; a <= hi; a++) s += V0[base + a] * pwrs[kk - a];
        V1[c] = s;
        if (s > vmax) vmax = s;
      }
      if (vmax > 0 && vmax < EM128) {
        for (let c = 0; c < npwrs; c++) V1[c] *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }

  let ans = V1[n - V1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return Math.min(Math.max(ans, 0), 1);
}
