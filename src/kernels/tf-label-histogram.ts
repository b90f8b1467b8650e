/**
 * Score histogram per label on TF.js: `searchSorted` of the float32 scores,
 * offset by label in float32 (labels clipped to [−1, classes] and shifted by
 * one; a non-finite score counts under the spare label row 0), one
 * `bincount`. Float32 bin assignment, with the same near-edge caveat as
 * tf-bin-counts.ts: sketch use only. A finite score beyond the float32 range
 * (|s| > 3.4e38) becomes ±∞ there and is skipped as missing.
 */
import type { Tensor1D } from '@tensorflow/tfjs-core';
import type { Tf } from '../../native-bindings/tf-types.js';
import { checkEdges, checkSameLength, checkSize } from './check-kernel-input.js';

const CHUNK_ROWS = 1 << 22;

/** As {@link typedLabelHistogram}, in float32 on the active TF.js backend. */
export function tfLabelHistogram(tf: Tf, scores: Float64Array, labels: Int32Array, classes: number, edges: Float64Array): Uint32Array[] {
  checkSameLength(scores, labels, 'labelHistogram');
  checkSize(classes, 'labelHistogram: classes');
  checkEdges(edges, 'labelHistogram');
  const width = edges.length + 1;
  const flat = new Float64Array(classes * width);
  if (classes > 0 && scores.length > 0) {
    // With no edges a +∞ pad keeps searchSorted well-formed and sends every finite score to bin 0.
    const padded = edges.length > 0 ? Float32Array.from(edges) : Float32Array.of(Number.POSITIVE_INFINITY);
    const edgesT = tf.tensor2d(padded, [1, padded.length]);
    try {
      for (let start = 0; start < scores.length; start += CHUNK_ROWS) {
        const end = Math.min(scores.length, start + CHUNK_ROWS);
        const t = tf.tidy(() => {
          const s = tf.tensor2d(new Float32Array(scores.subarray(start, end)), [1, end - start]);
          const bin = tf.minimum(tf.cast(tf.reshape(tf.searchSorted(edgesT, s, 'right'), [-1]), 'float32'), width - 1);
          const finite = tf.cast(tf.isFinite(tf.reshape(s, [-1])), 'float32');
          const row = tf.mul(tf.add(tf.clipByValue(tf.cast(tf.tensor1d(labels.subarray(start, end), 'int32'), 'float32'), -1, classes), 1), finite);
          const idx = tf.add(tf.mul(row, width), bin);
          return tf.bincount(tf.cast(idx, 'int32') as Tensor1D, [], (classes + 2) * width);
        });
        const data = t.dataSync();
        t.dispose();
        for (let j = 0; j < flat.length; j++) flat[j] += data[width + j];
      }
    } finally {
      edgesT.dispose();
    }
  }
  return Array.from({ length: classes }, (_, l) => Uint32Array.from(flat.subarray(l * width, (l + 1) * width)));
}
