/**
 * The rows multivariate drift can use: those where every numeric feature
 * holds a valid, finite value.
 */

/** A numeric column as arrow/ decodes it. */
export interface MaskedColumn {
  values: Float64Array;
  /** 1 = valid, 0 = null; null when the column has no nulls */
  valid: Uint8Array | null;
}

/**
 * Copies the complete rows of `columns` (no null, NaN or ±Infinity in any of them).
 *
 * @example
 * completeRows([{ values: Float64Array.of(1, NaN, 3), valid: null }, { values: Float64Array.of(4, 5, 6), valid: Uint8Array.of(1, 1, 0) }]);
 * // [Float64Array [1], Float64Array [4]]
 */
export function completeRows(columns: readonly MaskedColumn[]): Float64Array[] {
  if (columns.length === 0) return [];
  const n = columns[0].values.length;
  const keep = new Uint8Array(n).fill(1);
  let kept = n;
  for (const { values, valid } of columns) {
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (keep[i] === 1 && (v - v !== 0 || (valid !== null && valid[i] === 0))) {
        keep[i] = 0;
        kept--;
      }
    }
  }
  return columns.map(({ values }) => {
    const out = new Float64Array(kept);
    let at = 0;
    for (let i = 0; i < n; i++) if (keep[i] === 1) out[at++] = values[i];
    return out;
  });
}
