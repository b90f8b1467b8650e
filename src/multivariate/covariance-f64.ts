/**
 * Covariance of standardised rows in plain float64 TypeScript: one pass,
 * the upper triangle of each row's outer product. What PCA uses on the
 * TF.js `cpu` backend, where it measured faster than TF.js's matMul
 * (bench/RESULTS.md); on wasm they measured equal and the TF.js version runs.
 */
import type { Scaling } from './column-scaling.js';

/** Covariance (population, d × d row-major) of the standardised columns over `rows` (null = all). */
export function covarianceF64(columns: readonly Float64Array[], s: Scaling, rows: Int32Array | null = null): Float64Array {
  const d = columns.length;
  const n = rows?.length ?? columns[0].length;
  const acc = new Float64Array(d * d);
  const sums = new Float64Array(d);
  const z = new Float64Array(d);
  const inv = s.scale.map((v) => 1 / v);
  for (let i = 0; i < n; i++) {
    const row = rows === null ? i : rows[i];
    for (let j = 0; j < d; j++) {
      z[j] = (columns[j][row] - s.mean[j]) * inv[j];
      sums[j] += z[j];
    }
    for (let a = 0; a < d; a++) {
      const za = z[a];
      for (let b = a; b < d; b++) acc[a * d + b] += za * z[b];
    }
  }
  const cov = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) cov[a * d + b] = cov[b * d + a] = acc[a * d + b] / n - (sums[a] / n) * (sums[b] / n);
  }
  return cov;
}
