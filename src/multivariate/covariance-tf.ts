/**
 * Covariance of standardised rows on TF.js: Σ = Zᵀ Z / n − μ μᵀ with one
 * `matMul(Z, Z, transposeA)` per chunk of rows, summed in float64.
 *
 * FLOAT32: TF.js has no float64, so each chunk's products are float32
 * (relative error ~1e-6 on a correlation). That is fine here: PCA only
 * chooses directions and a component count for a drift score, it is not one
 * of CONTRACT.md's exact statistics. Chunks of CHUNK_ROWS rows keep the
 * float32 sums short and the staging buffer small.
 */
import type { Tf } from '../../native-bindings/tf-types.js';
import { type Scaling, standardizedRows } from './column-scaling.js';

const CHUNK_ROWS = 1 << 16;

/** Covariance (population, d × d row-major float64) of the standardised reference, over `rows` (null = all). */
export function covarianceTf(tf: Tf, columns: readonly Float64Array[], scaling: Scaling, rows: Int32Array | null = null): Float64Array {
  const d = columns.length;
  const n = rows?.length ?? columns[0].length;
  const cross = new Float64Array(d * d);
  const sums = new Float64Array(d);
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    const end = Math.min(n, start + CHUNK_ROWS);
    const z = standardizedRows(columns, scaling, rows, start, end);
    for (let r = 0; r < end - start; r++) for (let j = 0; j < d; j++) sums[j] += z[r * d + j];
    const product = tf.tidy(() => {
      const zt = tf.tensor2d(z, [end - start, d]);
      return tf.matMul(zt, zt, true, false);
    });
    const data = product.dataSync();
    product.dispose();
    for (let k = 0; k < d * d; k++) cross[k] += data[k];
  }
  const cov = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) cov[i * d + j] = cross[i * d + j] / n - (sums[i] / n) * (sums[j] / n);
  }
  // Symmetrise away float32 asymmetry.
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) cov[i * d + j] = cov[j * d + i] = (cov[i * d + j] + cov[j * d + i]) / 2;
  return cov;
}
