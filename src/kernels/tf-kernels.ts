/**
 * The TF.js kernels, on whichever backend native-bindings/ activated. Bin
 * assignment is float32 (see tf-bin-counts.ts): sketch profiling only, never
 * exact mode.
 */
import type { Tf } from '../../native-bindings/tf-types.js';
import type { DriftKernels } from './kernel-types.js';
import { tfBinCounts } from './tf-bin-counts.js';
import { tfCategoryCounts } from './tf-category-counts.js';
import { tfConfusionCounts } from './tf-confusion-counts.js';
import { tfLabelHistogram } from './tf-label-histogram.js';

/**
 * {@link DriftKernels} on TF.js tensors, bound to `tf` (tfjs-core with its backend active).
 *
 * @example
 * const { tf } = await loadTfBackend();
 * if (tf) createTfKernels(tf).binCounts(columns, edges);
 */
export function createTfKernels(tf: Tf): DriftKernels {
  return {
    impl: 'tfjs',
    backend: tf.getBackend(),
    float64: false,
    binCounts: (columns, edges, valid) => tfBinCounts(tf, columns, edges, valid),
    categoryCounts: (codes, sizes) => tfCategoryCounts(tf, codes, sizes),
    confusionCounts: (yTrue, yPred, classes) => tfConfusionCounts(tf, yTrue, yPred, classes),
    labelHistogram: (scores, labels, classes, edges) => tfLabelHistogram(tf, scores, labels, classes, edges),
  };
}
