/**
 * Standardisation fitted on the reference, as scikit-learn's StandardScaler
 * (NannyML's first step): z = (x − mean) / std with the population std, and
 * a std of 1 for a constant column.
 */

/** Per-feature mean and scale. */
export interface Scaling {
  mean: Float64Array;
  scale: Float64Array;
}

/**
 * Means and population standard deviations of each column (two passes, float64).
 *
 * @example
 * fitScaling([Float64Array.of(1, 3), Float64Array.of(5, 5)]);
 * // { mean: [2, 5], scale: [1, 1] }  (the constant column keeps scale 1)
 */
export function fitScaling(columns: readonly Float64Array[]): Scaling {
  const d = columns.length;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  columns.forEach((x, j) => {
    const n = x.length;
    let s = 0;
    for (let i = 0; i < n; i++) s += x[i];
    const m = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const t = x[i] - m;
      ss += t * t;
    }
    const sd = Math.sqrt(ss / n);
    mean[j] = m;
    scale[j] = sd > 0 && Number.isFinite(sd) ? sd : 1;
  });
  return { mean, scale };
}

/**
 * Standardised rows, row-major float32 (the layout TF.js wants):
 * out[r·d + j] = (columns[j][rows[r]] − mean[j]) / scale[j]. `rows` null = all.
 */
export function standardizedRows(columns: readonly Float64Array[], s: Scaling, rows: Int32Array | null, start = 0, end = rows?.length ?? columns[0].length): Float32Array {
  const d = columns.length;
  const m = end - start;
  const out = new Float32Array(m * d);
  for (let j = 0; j < d; j++) {
    const x = columns[j];
    const mu = s.mean[j];
    const inv = 1 / s.scale[j];
    if (rows === null) for (let r = 0; r < m; r++) out[r * d + j] = (x[start + r] - mu) * inv;
    else for (let r = 0; r < m; r++) out[r * d + j] = (x[rows[start + r]] - mu) * inv;
  }
  return out;
}
