/**
 * Seeded data for the multivariate benchmark and tests: d features driven by
 * a few shared factors (so PCA has structure), and a drifted variant in which
 * one pair's correlation flips sign while every marginal stays the same.
 */
import { mulberry32, normals } from '../src/multivariate/seeded-random.js';

/**
 * n rows × d columns: x_j = a_j · f_(j mod 3) + √(1 − a_j²) · e_j, all N(0, 1)
 * marginally. With `flip`, column 1 is built from −f_1's partner so that its
 * correlation with column 0 changes sign (both marginals unchanged).
 */
export function factorColumns(n: number, d: number, seed: number, flip = false): Float64Array[] {
  const rand = mulberry32(seed);
  const factors = [normals(n, rand), normals(n, rand), normals(n, rand)];
  const cols: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const a = 0.5 + 0.4 * ((j * 7) % 5) / 4;
    const f = j === 1 ? factors[0] : factors[j % 3];
    const sign = j === 1 && flip ? -1 : 1;
    const e = normals(n, rand);
    cols.push(Float64Array.from(e, (v, i) => sign * a * f[i] + Math.sqrt(1 - a * a) * v));
  }
  return cols;
}
