/**
 * Confusion counts on TF.js, on a (classes + 2)² grid: both indices clipped
 * to [−1, classes] and shifted by one in float32, so a row with either index
 * out of range lands on the grid's border, then `bincount` and the inner
 * classes × classes block. Exact (float32 holds these integers exactly).
 */
import type { Tensor1D } from '@tensorflow/tfjs-core';
import type { Tf } from '../../native-bindings/tf-types.js';
import { checkSameLength, checkSize } from './check-kernel-input.js';

const CHUNK_ROWS = 1 << 22;

/** As {@link typedConfusionCounts}, on the active TF.js backend. */
export function tfConfusionCounts(tf: Tf, yTrue: Int32Array, yPred: Int32Array, classes: number): Uint32Array {
  checkSameLength(yTrue, yPred, 'confusionCounts');
  checkSize(classes, 'confusionCounts: classes');
  const counts = new Uint32Array(classes * classes);
  if (classes === 0) return counts;
  const side = classes + 2;
  for (let start = 0; start < yTrue.length; start += CHUNK_ROWS) {
    const end = Math.min(yTrue.length, start + CHUNK_ROWS);
    const t = tf.tidy(() => {
      const shift = (a: Int32Array) => tf.add(tf.clipByValue(tf.cast(tf.tensor1d(a.subarray(start, end), 'int32'), 'float32'), -1, classes), 1);
      const idx = tf.add(tf.mul(shift(yTrue), side), shift(yPred));
      return tf.bincount(tf.cast(idx, 'int32') as Tensor1D, [], side * side);
    });
    const data = t.dataSync();
    t.dispose();
    for (let r = 0; r < classes; r++) for (let p = 0; p < classes; p++) counts[r * classes + p] += data[(r + 1) * side + p + 1];
  }
  return counts;
}
