/**
 * Seeded samples for the multivariate tests: two features with correlation
 * ρ plus independent skewed features, and a version whose marginals are the
 * reference's values exactly (rank-matched) while the correlation flips.
 */
import { mulberry32, normals } from '../../src/multivariate/seeded-random.js';

/** n rows: x0, x1 with correlation rho, then `extra` independent lognormal columns. */
export function correlatedSample(n: number, rho: number, seed: number, extra = 2): Float64Array[] {
  const rand = mulberry32(seed);
  const a = normals(n, rand);
  const b = normals(n, rand);
  const cols = [a, a.map((v, i) => rho * v + Math.sqrt(1 - rho * rho) * b[i])];
  for (let e = 0; e < extra; e++) cols.push(normals(n, rand).map(Math.exp));
  return cols;
}

/** Replaces each value of `draw` by the reference value of the same rank: same multiset as `ref`, the dependence of `draw`. */
function rankMatch(ref: Float64Array, draw: Float64Array): Float64Array {
  const sorted = Float64Array.from(ref).sort();
  const order = Array.from(draw.keys()).sort((i, j) => draw[i] - draw[j]);
  const out = new Float64Array(draw.length);
  order.forEach((row, rank) => {
    out[row] = sorted[rank];
  });
  return out;
}

/**
 * A current sample whose every column holds exactly the reference column's
 * values (so every univariate statistic sees no change), arranged so that
 * x0 and x1 are correlated −rho instead of +rho.
 */
export function flippedWithSameMarginals(ref: Float64Array[], rho: number, seed: number): Float64Array[] {
  const copula = correlatedSample(ref[0].length, -rho, seed, ref.length - 2);
  return ref.map((col, j) => rankMatch(col, copula[j]));
}
