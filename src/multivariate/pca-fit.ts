/**
 * PCA of the standardised reference, keeping the fewest components that
 * explain more than `share` of the variance (scikit-learn's
 * `PCA(n_components=0.65)`: `searchsorted(cumsum(ratio), share, 'right') + 1`).
 */
import type { Tf } from '../../native-bindings/tf-types.js';
import type { Scaling } from './column-scaling.js';
import { covarianceF64 } from './covariance-f64.js';
import { covarianceTf } from './covariance-tf.js';
import { jacobiEigen } from './jacobi-eigen.js';

/** A fitted PCA in standardised space. */
export interface PcaModel {
  scaling: Scaling;
  /** mean of the standardised reference (≈ 0) */
  center: Float64Array;
  /** kept components, row-major k × d (each row a unit vector) */
  components: Float64Array;
  k: number;
  d: number;
  /** share of variance the kept components explain */
  explained: number;
}

/** Number of components for `share` of the variance, from eigenvalues sorted descending. */
export function componentsFor(values: Float64Array, share: number): number {
  const total = values.reduce((a, b) => a + Math.max(b, 0), 0);
  if (!(total > 0)) return 1;
  let cumulative = 0;
  let atOrBelow = 0;
  for (const v of values) {
    cumulative += Math.max(v, 0) / total;
    if (cumulative <= share) atOrBelow++;
    else break;
  }
  return Math.min(values.length, atOrBelow + 1);
}

/** Fits the PCA on the reference columns' `rows` (null = all): covariance on TF.js, eigenproblem in float64 TypeScript. */
export function fitPca(tf: Tf, columns: readonly Float64Array[], scaling: Scaling, share: number, rows: Int32Array | null = null): PcaModel {
  const d = columns.length;
  const n = rows?.length ?? columns[0].length;
  // TF.js's plain-JS cpu backend measured slower than our own float64 loop (bench/RESULTS.md).
  const cov = tf.getBackend() === 'cpu' ? covarianceF64(columns, scaling, rows) : covarianceTf(tf, columns, scaling, rows);
  const { values, vectors } = jacobiEigen(cov, d);
  const k = componentsFor(values, share);
  const components = new Float64Array(k * d);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) components[c * d + j] = vectors[j * d + c];
  // The standardised reference has mean 0 up to rounding; compute it as sklearn's PCA centres.
  const center = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const x = columns[j];
    let s = 0;
    for (let i = 0; i < n; i++) s += (x[rows === null ? i : rows[i]] - scaling.mean[j]) / scaling.scale[j];
    center[j] = s / n;
  }
  const total = values.reduce((a, b) => a + Math.max(b, 0), 0);
  let kept = 0;
  for (let c = 0; c < k; c++) kept += Math.max(values[c], 0);
  return { scaling, center, components, k, d, explained: total > 0 ? kept / total : 1 };
}
