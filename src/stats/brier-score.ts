import { binaryLabelError, checkFinite, checkSamples } from './check-input.js';
import { pairwiseSum } from './pairwise-sum.js';

/**
 * Brier score, as scikit-learn 1.2.1's `brier_score_loss`: the mean of
 * (y - p)² over rows, summed in numpy's order. Defined with one class only
 * (unlike ROC AUC and log loss).
 *
 * Cost: O(n) time and memory.
 *
 * @param yTrue 1 for the positive class, 0 for the negative
 * @param scores probabilities of the positive class, each in [0, 1]
 * @returns the Brier score in [0, 1]
 * @throws {RangeError} "y_prob contains values greater than 1." / "y_prob contains values
 *   less than 0." (as sklearn's ValueError, checked in that order); also on empty or mismatched
 *   input, a non-finite score, or a label other than 0 or 1
 * @example
 * brierScore(Uint8Array.of(0, 1, 1, 0), Float64Array.of(0.1, 0.9, 0.8, 0.3)); // 0.03749999999999999
 */
export function brierScore(yTrue: Uint8Array, scores: Float64Array): number {
  checkSamples(yTrue.length, scores.length);
  checkFinite(scores);
  const n = yTrue.length;
  let max = Number.NEGATIVE_INFINITY;
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    if (y > 1) throw binaryLabelError('yTrue', i, y);
    const p = scores[i];
    if (p > max) max = p;
    if (p < min) min = p;
  }
  if (max > 1) throw new RangeError('y_prob contains values greater than 1.');
  if (min < 0) throw new RangeError('y_prob contains values less than 0.');
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = yTrue[i] - scores[i];
    squares[i] = d * d;
  }
  return pairwiseSum(squares) / n;
}
