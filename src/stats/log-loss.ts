import { binaryLabelError, checkFinite, checkSamples } from './check-input.js';
import { pairwiseSum } from './pairwise-sum.js';

/**
 * Binary log loss (cross-entropy), as scikit-learn 1.2.1's `log_loss` with
 * `eps="auto"` on float64 scores: each score p is clipped to
 * [eps, 1 - eps] with eps = 2^-52, the two-column probabilities [1 - p, p]
 * are renormalised by their sum (which can differ from 1 by an ulp), and the
 * mean of -log(probability of the true class) is taken in numpy's order.
 * A score of exactly 0 or 1 on the wrong class therefore costs
 * -log(2^-52) ≈ 36.04, not Infinity.
 *
 * Cost: O(n) time and memory.
 *
 * @param yTrue 1 for the positive class, 0 for the negative
 * @param scores finite probabilities of the positive class (values outside [0, 1] are clipped, as sklearn)
 * @returns the mean log loss, >= 0
 * @throws {RangeError} "y_true contains only one label (1). Please provide the true labels
 *   explicitly through the labels argument." (as sklearn's ValueError; the label shown is the
 *   encoded 0 or 1); also on empty or mismatched input, a non-finite score, or a label other than 0 or 1
 * @example
 * logLoss(Uint8Array.of(1, 0, 0, 1), Float64Array.of(0.9, 0.1, 0.2, 0.65)); // 0.21616187468057912
 */
export function logLoss(yTrue: Uint8Array, scores: Float64Array): number {
  checkSamples(yTrue.length, scores.length);
  checkFinite(scores);
  const n = yTrue.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i];
    if (y > 1) throw binaryLabelError('yTrue', i, y);
    nPos += y;
  }
  if (nPos === 0 || nPos === n) {
    throw new RangeError(
      `y_true contains only one label (${yTrue[0]}). Please provide the true labels explicitly through the labels argument.`,
    );
  }
  const eps = Number.EPSILON;
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(scores[i], eps), 1 - eps);
    const q = 1 - p;
    const total = q + p;
    losses[i] = -Math.log((yTrue[i] === 1 ? p : q) / total);
  }
  return pairwiseSum(losses) / n;
}
