/**
 * Where TF.js's batch binning time goes, step by step, on the active
 * backend: the measured reason TF.js does or does not beat the typed kernel.
 */
import type { Tensor2D } from '@tensorflow/tfjs-core';
import type { Tf } from '../native-bindings/tf-types.js';
import { typedBinCounts } from '../src/kernels/typed-bin-counts.js';
import { medianMs } from './kernels-timing.js';

/** One step and its median time. */
export interface Step {
  step: string;
  ms: number;
}

/** Times each step of tfBinCounts on `columns` (one batch) and the typed kernel beside it. */
export function binningBreakdown(tf: Tf, columns: Float64Array[], edges: Float64Array[]): Step[] {
  const features = columns.length;
  const rows = columns[0].length;
  const width = Math.max(...edges.map((e) => e.length));
  const staged = new Float32Array(features * rows);
  const stage = () => {
    for (let f = 0; f < features; f++) {
      const x = columns[f];
      for (let i = 0; i < rows; i++) {
        const xi = x[i];
        staged[f * rows + i] = xi - xi === 0 ? xi : Number.NEGATIVE_INFINITY;
      }
    }
  };
  const padded = new Float32Array(features * width).fill(Number.POSITIVE_INFINITY);
  edges.forEach((e, f) => {
    padded.set(e, f * width);
  });
  const edgesT = tf.tensor2d(padded, [features, width]);
  stage();
  const values = tf.tensor2d(staged, [features, rows]);
  const idx = tf.searchSorted(edgesT, values, 'right') as Tensor2D;
  const counts = tf.denseBincount(idx, [], width + 1);
  const ints = tf.zeros([features * rows], 'int32');
  const floats = tf.zeros([features * rows], 'float32');
  const steps: Step[] = [
    { step: 'stage float64 → float32 (JS loop, missing → −∞)', ms: medianMs(stage) },
    { step: 'upload: tf.tensor2d of the staged batch', ms: medianMs(() => tf.tensor2d(staged, [features, rows]).dispose()) },
    { step: 'tf.searchSorted (side right)', ms: medianMs(() => tf.searchSorted(edgesT, values, 'right').dispose()) },
    { step: 'tf.denseBincount (2-D, per feature)', ms: medianMs(() => tf.denseBincount(idx, [], width + 1).dispose()) },
    { step: 'dataSync of the counts', ms: medianMs(() => counts.dataSync()) },
    { step: 'for scale: int32 add of the same size (avoided)', ms: medianMs(() => tf.add(ints, ints).dispose()) },
    { step: 'for scale: float32 add of the same size', ms: medianMs(() => tf.add(floats, floats).dispose()) },
    { step: 'typed kernel, whole job (float64, lookup table)', ms: medianMs(() => typedBinCounts(columns, edges)) },
  ];
  for (const t of [edgesT, values, idx, counts, ints, floats]) t.dispose();
  return steps;
}
