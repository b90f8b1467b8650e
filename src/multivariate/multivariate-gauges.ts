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

/** A report's `multivariate` section as it may be: a result, or null methods beside an error entry. */
export type MultivariateSectionLike = MultivariateResult | Record<string, unknown>;

function point(method: MultivariateGaugePoint['method'], entry: unknown, field: string): MultivariateGaugePoint[] {
  if (entry === null || typeof entry !== 'object') return [];
  const score = (entry as Record<string, unknown>)[field];
  if (typeof score !== 'number' || !Number.isFinite(score)) return [];
  return [{ method, score, detected: (entry as Record<string, unknown>).detected === true }];
}

/**
 * The points of a `multivariate` section; a method that failed (null, an
 * error entry) has none.
 *
 * @example
 * multivariateGaugePoints(report.multivariate);
 * // [{ method: 'pca_reconstruction', score: 1.21, detected: true }, { method: 'domain_classifier', score: 0.81, detected: true }]
 */
export function multivariateGaugePoints(section: MultivariateSectionLike): MultivariateGaugePoint[] {
  const s = section as Record<string, unknown>;
  return [...point('pca_reconstruction', s.pca_reconstruction, 'current_error'), ...point('domain_classifier', s.domain_classifier, 'roc_auc')];
}
