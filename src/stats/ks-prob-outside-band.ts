/**
 * Exact two-sided tail of the two-sample Kolmogorov-Smirnov statistic for
 * any sample sizes: the share of the C(m + n, n) monotone lattice paths from
 * (0, 0) to (m, n) that touch or leave the band |x/m − y/n| < h / lcm(m, n),
 * i.e. P(D(m, n) ≥ h / lcm) under the null hypothesis. A port of scipy 1.10's
 * `_compute_outer_prob_inside_method` (pythran) that performs the same float64
 * operations on the same operands, so it returns the same bits.
 *
 * Hodges' inside method, run on 1 − p directly as Viehmann (2021, arXiv
 * 2102.08037) shows: A(i, j) is the share of paths to (i, j) that have
 * already left the band, so each cell is the weighted mean
 * (i·A(i−1, j) + j·A(i, j−1)) / (i + j) and stays in [0, 1] without scaling.
 * Cells outside the band are 1.
 *
 * Layout: one array indexed by j holds the current column; scipy slides a
 * window over a shorter array, here the window bounds index the full column
 * (cells above every window so far are still the initial 1s, which is what
 * scipy's resets restore). Each cell waits on the one below it, a chain of
 * divisions, so four columns run together, staggered one row apart (column
 * i + k works on row j − k): the four chains are independent, and each cell
 * still reads exactly the neighbours it reads in scipy.
 *
 * ```
 *   j ↑       col i  i+1  i+2  i+3
 *     t        ●
 *     t−1      ✓    ●
 *     t−2      ✓    ✓    ●
 *     t−3      ✓    ✓    ✓    ●      ● = computed in step t
 * ```
 *
 * Cost: O(m · w) time where w ≈ 2h/(m/g) + 1 ≤ n + 1 is the band height
 * (O(m·n) when D is near 1), m ≥ n the larger size; O(n) space.
 *
 * @param m first sample size, m ≥ 1
 * @param n second sample size, n ≥ 1
 * @param g gcd(m, n)
 * @param h the statistic times lcm(m, n), an integer with 1 ≤ h ≤ lcm
 * @returns P(D ≥ h / lcm), in [0, 1]
 * @throws never
 * @example
 * ksProbOutsideBand(3, 5, 1, 15); // 0.03571428571428571 (= 2 / C(8, 3))
 */
export function ksProbOutsideBand(m: number, n: number, g: number, h: number): number {
  if (m < n) {
    const t = m;
    m = n;
    n = t;
  }
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);
  const lo = (i: number): number => Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
  const hi = (i: number): number => Math.min(Math.ceil((ng * i + h) / mg), n + 1);

  const P = new Float64Array(n + 1).fill(1);
  P.fill(0, 0, Math.min(Math.ceil(h / mg), n + 1));

  let i = 1;
  for (; i + 3 <= m; i += 4) {
    const i0 = i;
    const i1 = i + 1;
    const i2 = i + 2;
    const i3 = i + 3;
    const lo0 = lo(i0);
    const lo1 = lo(i1);
    const lo2 = lo(i2);
    const lo3 = lo(i3);
    const hi0 = hi(i0);
    const hi1 = hi(i1);
    const hi2 = hi(i2);
    const hi3 = hi(i3);
    if (hi0 <= lo0 || hi1 <= lo1 || hi2 <= lo2 || hi3 <= lo3) return 1;
    const tStart = Math.max(lo0, lo1 + 1, lo2 + 2, lo3 + 3);
    const tEnd = Math.min(hi0, hi1 + 1, hi2 + 2, hi3 + 3);
    if (tStart >= tEnd) {
      runColumn(P, i0, lo0, lo0, hi0, lo0 === 0 ? 0 : 1);
      runColumn(P, i1, lo1, lo1, hi1, lo1 === 0 ? 0 : 1);
      runColumn(P, i2, lo2, lo2, hi2, lo2 === 0 ? 0 : 1);
      runColumn(P, i3, lo3, lo3, hi3, lo3 === 0 ? 0 : 1);
      continue;
    }
    // Rows below the fully staggered stretch, one column after another.
    let v0 = runColumn(P, i0, lo0, lo0, tStart, lo0 === 0 ? 0 : 1);
    let v1 = runColumn(P, i1, lo1, lo1, tStart - 1, lo1 === 0 ? 0 : 1);
    let v2 = runColumn(P, i2, lo2, lo2, tStart - 2, lo2 === 0 ? 0 : 1);
    let v3 = runColumn(P, i3, lo3, lo3, tStart - 3, lo3 === 0 ? 0 : 1);
    for (let t = tStart; t < tEnd; t++) {
      const j0 = t;
      const j1 = t - 1;
      const j2 = t - 2;
      const j3 = t - 3;
      v0 = (P[j0] * i0 + v0 * j0) / (i0 + j0);
      P[j0] = v0;
      v1 = (P[j1] * i1 + v1 * j1) / (i1 + j1);
      P[j1] = v1;
      v2 = (P[j2] * i2 + v2 * j2) / (i2 + j2);
      P[j2] = v2;
      v3 = (P[j3] * i3 + v3 * j3) / (i3 + j3);
      P[j3] = v3;
    }
    // Rows above it, again one column after another.
    runColumn(P, i0, lo0, tEnd, hi0, v0);
    runColumn(P, i1, lo1, tEnd - 1, hi1, v1);
    runColumn(P, i2, lo2, tEnd - 2, hi2, v2);
    runColumn(P, i3, lo3, tEnd - 3, hi3, v3);
  }
  for (; i <= m; i++) {
    const loI = lo(i);
    const hiI = hi(i);
    if (hiI <= loI) return 1;
    runColumn(P, i, loI, loI, hiI, loI === 0 ? 0 : 1);
  }
  // The last window ends at row n.
  return P[n];
}

/**
 * Rows [from, to) of column i (window starting at lo), continuing from the
 * running value `val` (the cell below `from`); returns the last value.
 */
function runColumn(P: Float64Array, i: number, lo: number, from: number, to: number, val: number): number {
  if (from < lo) from = lo;
  for (let j = from; j < to; j++) {
    val = (P[j] * i + val * j) / (i + j);
    P[j] = val;
  }
  return val;
}
