import { binaryClfCurve } from './binary-clf-curve.js';
import { pairwiseSum } from './pairwise-sum.js';

/**
 * Area under the ROC curve, as scikit-learn 1.2.1's `roc_auc_score` for
 * binary targets: `roc_curve` with `drop_intermediate=True` (collinear points
 * dropped, (0, 0) prepended), then `auc` = `np.trapz(tpr, fpr)` with the
 * trapezoids summed in numpy's order. Tied scores form one ROC point, so a tie
 * between a positive and a negative counts one half.
 *
 * Cost: O(n log n) time (one sort of the scores), O(n) memory.
 *
 * @param yTrue 1 for the positive class, 0 for the negative
 * @param scores finite scores of the positive class
 * @returns the AUC in [0, 1]
 * @throws {RangeError} "Only one class present in y_true. ROC AUC score is not defined in
 *   that case." (as sklearn's ValueError); also on empty or mismatched input, a
 *   non-finite score, or a label other than 0 or 1
 * @example
 * rocAuc(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)); // 0.75
 */
export function rocAuc(yTrue: Uint8Array, scores: Float64Array): number {
  const { fps, tps } = binaryClfCurve(yTrue, scores);
  const m = fps.length;
  const nNeg = fps[m - 1];
  const nPos = tps[m - 1];
  if (nNeg === 0 || nPos === 0) {
    throw new RangeError('Only one class present in y_true. ROC AUC score is not defined in that case.');
  }
  // Walk the kept points from (0, 0); a point is dropped only when it lies on a
  // straight segment in both fps and tps (np.diff(_, 2) == 0), as sklearn does.
  const trapezoids = new Float64Array(m);
  let kept = 0;
  let fpr = 0;
  let tpr = 0;
  for (let i = 0; i < m; i++) {
    const interior = m > 2 && i > 0 && i < m - 1;
    if (interior && fps[i + 1] - 2 * fps[i] + fps[i - 1] === 0 && tps[i + 1] - 2 * tps[i] + tps[i - 1] === 0) continue;
    const nextFpr = fps[i] / nNeg;
    const nextTpr = tps[i] / nPos;
    trapezoids[kept++] = ((nextFpr - fpr) * (nextTpr + tpr)) / 2.0;
    fpr = nextFpr;
    tpr = nextTpr;
  }
  return pairwiseSum(trapezoids, 0, kept);
}
