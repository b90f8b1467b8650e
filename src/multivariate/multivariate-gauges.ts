/**
 * The gauge points of `driftgauge_multivariate_drift_score{model,method}`:
 * one per method, the score the method judges (PCA: the current mean
 * reconstruction error; classifier: the held-out ROC AUC).
 */
import type { MultivariateResult } from './multivariate-types.js';

/** One gauge observation (the caller adds the `model` label). */
export interface MultivariateGaugePoint {
  method: 'pca_reconstruction' | 'domain_classifier';
  score: number;
  detected: boolean;
}

/**
 * @example
 * multivariateGaugePoints(report.multivariate);
 * // [{ method: 'pca_reconstruction', score: 1.21, detected: true }, { method: 'domain_classifier', score: 0.81, detected: true }]
 */
export function multivariateGaugePoints(result: MultivariateResult): MultivariateGaugePoint[] {
  return [
    { method: 'pca_reconstruction', score: result.pca_reconstruction.current_error, detected: result.pca_reconstruction.detected },
    { method: 'domain_classifier', score: result.domain_classifier.roc_auc, detected: result.domain_classifier.detected },
  ];
}
