/**
 * Per-row reconstruction error of a fitted PCA, as NannyML: the Euclidean
 * distance between a standardised row and its reconstruction from the kept
 * components, `‖z − c − Vᵀ V (z − c)‖`. Float64 TypeScript, O(n · d · k).
 * The reference for reconstructionErrorsTf, and what the method runs on
 * TF.js's plain-JS cpu backend, where it measured faster.
 */
import type { PcaModel } from './pca-fit.js';

/** One error per row of `columns` (same features as the model), for `rows` (null = all) in that order. */
export function reconstructionErrors(model: PcaModel, columns: readonly Float64Array[], rows: Int32Array | null = null): Float64Array {
  const { d, k, components: v, center, scaling } = model;
  const n = rows?.length ?? columns[0].length;
  const out = new Float64Array(n);
  const z = new Float64Array(d);
  const proj = new Float64Array(k);
  const inv = scaling.scale.map((s) => 1 / s);
  for (let i = 0; i < n; i++) {
    const row = rows === null ? i : rows[i];
    for (let j = 0; j < d; j++) z[j] = (columns[j][row] - scaling.mean[j]) * inv[j] - center[j];
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += v[c * d + j] * z[j];
      proj[c] = s;
    }
    let err = 0;
    for (let j = 0; j < d; j++) {
      let r = z[j];
      for (let c = 0; c < k; c++) r -= proj[c] * v[c * d + j];
      err += r * r;
    }
    out[i] = Math.sqrt(err);
  }
  return out;
}
