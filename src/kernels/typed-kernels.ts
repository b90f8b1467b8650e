/**
 * The typed-array kernels: float64, exact, no TF.js. The only kernels exact
 * mode (the CLI, on-demand comparisons of two datasets) may run.
 */
import type { DriftKernels } from './kernel-types.js';
import { typedBinCounts } from './typed-bin-counts.js';
import { typedCategoryCounts } from './typed-category-counts.js';
import { typedConfusionCounts } from './typed-confusion-counts.js';
import { typedLabelHistogram } from './typed-label-histogram.js';

/** {@link DriftKernels} on typed arrays (float64, exact). */
export const typedKernels: DriftKernels = {
  impl: 'typed',
  backend: 'typed',
  float64: true,
  binCounts: (columns, edges, valid) => typedBinCounts(columns, edges, valid),
  categoryCounts: typedCategoryCounts,
  confusionCounts: typedConfusionCounts,
  labelHistogram: typedLabelHistogram,
};
