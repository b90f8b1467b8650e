/**
 * Category counts on TF.js. Codes are clipped to [−1, size] in float32 and
 * shifted by one, so nulls and out-of-range codes fall in two spare bins
 * (0 and size + 1), then `bincount`. Float32 holds every code below 2^24
 * exactly, so the counts are exact (no `where`, no int32 arithmetic: both
 * are slow on the wasm backend).
 */
import type { Tensor1D } from '@tensorflow/tfjs-core';
import type { Tf } from '../../native-bindings/tf-types.js';
import { checkSize } from './check-kernel-input.js';

const CHUNK_ROWS = 1 << 22;

/** As {@link typedCategoryCounts}, on the active TF.js backend. */
export function tfCategoryCounts(tf: Tf, codes: readonly Int32Array[], sizes: readonly number[]): Uint32Array[] {
  if (sizes.length !== codes.length) throw new RangeError(`categoryCounts: ${codes.length} columns but ${sizes.length} sizes`);
  return codes.map((c, f) => {
    const size = sizes[f];
    checkSize(size, `categoryCounts: size of column ${f}`);
    const counts = new Uint32Array(size);
    if (size === 0) return counts;
    for (let start = 0; start < c.length; start += CHUNK_ROWS) {
      const part = c.subarray(start, Math.min(c.length, start + CHUNK_ROWS));
      const t = tf.tidy(() => {
        const x = tf.cast(tf.tensor1d(part, 'int32'), 'float32');
        const shifted = tf.add(tf.clipByValue(x, -1, size), 1);
        return tf.bincount(tf.cast(shifted, 'int32') as Tensor1D, [], size + 2);
      });
      const data = t.dataSync();
      t.dispose();
      for (let j = 0; j < size; j++) counts[j] += data[j + 1];
    }
    return counts;
  });
}
