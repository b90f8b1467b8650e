/**
 * Batch binning on TF.js: `searchSorted` of a [features, rows] float32 batch
 * against [features, maxEdges] float32 edges, then one 2-D `denseBincount`
 * (a row of counts per feature). No int32 arithmetic: on the wasm backend it
 * measured 25–50× slower than float32 (bench/RESULTS.md).
 *
 * FLOAT32, NOT EXACT. TF.js has no float64, so values and edges are rounded
 * to float32 (relative error ≤ 2^-24) before they are compared. A value
 * within that rounding of an edge (|x − e| ≤ 2^-24 · max(|x|, |e|)) can land
 * in the neighbouring bin; every other value lands exactly where the float64
 * kernel puts it (the parity tests check both halves of that statement). So
 * these counts serve sketch profiling, whose histogram error bound already
 * allows a value to move one bin; exact mode (CONTRACT.md) never runs them.
 */
import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { Tf } from '../../native-bindings/tf-types.js';
import { checkBatch } from './check-kernel-input.js';
import type { ValidityMasks } from './kernel-types.js';

/** Values per TF.js call: bounds the float32 staging buffer, and keeps every count below 2^24 where float32 counts stay exact. */
const CHUNK_VALUES = 1 << 22;

/**
 * Counts per feature per bin, as {@link typedBinCounts} but in float32 on
 * the active TF.js backend. Missing values are staged as −∞ (bin 0) and
 * taken back out of bin 0 afterwards; edges are padded with +∞ to one width
 * and anything counted past a feature's last edge (a finite value beyond the
 * float32 range) is folded into its overflow bin.
 *
 * @throws {RangeError} as typedBinCounts
 */
export function tfBinCounts(tf: Tf, columns: readonly Float64Array[], edges: readonly Float64Array[], valid?: ValidityMasks): Uint32Array[] {
  const rows = checkBatch(columns, edges, valid);
  const features = columns.length;
  const out = edges.map((e) => new Uint32Array(e.length + 1));
  if (features === 0 || rows === 0) return out;
  const width = Math.max(1, ...edges.map((e) => e.length));
  const bins = width + 1;
  const paddedEdges = new Float32Array(features * width).fill(Number.POSITIVE_INFINITY);
  edges.forEach((e, f) => {
    paddedEdges.set(e, f * width);
  });
  const edgesT = tf.tensor2d(paddedEdges, [features, width]);
  const totals = new Float64Array(features * bins);
  const missing = new Float64Array(features);
  const chunkRows = Math.max(1, Math.min(rows, Math.floor(CHUNK_VALUES / features)));
  const staged = new Float32Array(features * chunkRows);
  try {
    for (let start = 0; start < rows; start += chunkRows) {
      const m = Math.min(chunkRows, rows - start);
      for (let f = 0; f < features; f++) {
        const x = columns[f];
        const v = valid?.[f] ?? null;
        const base = f * m - start;
        for (let i = start; i < start + m; i++) {
          const xi = x[i];
          if (xi - xi !== 0 || (v !== null && v[i] === 0)) {
            staged[base + i] = Number.NEGATIVE_INFINITY;
            missing[f]++;
          } else staged[base + i] = xi;
        }
      }
      const values = m === chunkRows ? staged : staged.subarray(0, features * m);
      const counts = tf.tidy(() => {
        const idx = tf.searchSorted(edgesT, tf.tensor2d(values, [features, m]), 'right') as Tensor2D;
        return tf.denseBincount(idx, [], bins);
      });
      const data = counts.dataSync();
      counts.dispose();
      for (let j = 0; j < data.length; j++) totals[j] += data[j];
    }
  } finally {
    edgesT.dispose();
  }
  edges.forEach((e, f) => {
    const k = e.length;
    const c = out[f];
    for (let b = 0; b < bins; b++) c[Math.min(b, k)] += totals[f * bins + b];
    c[0] -= missing[f];
  });
  return out;
}
