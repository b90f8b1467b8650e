import { binaryClfCurve } from './binary-clf-curve.js';
import { pairwiseSum } from './pairwise-sum.js';

/**
 * Average precision (the report's `pr_auc`), as scikit-learn 1.2.1's
 * `average_precision_score` for binary targets: the step integral
 * `-sum(diff(recall) * precision[:-1])` over `precision_recall_curve`
 * (every distinct threshold, lowest first, then the (recall 0, precision 1)
 * end point), summed in numpy's order. Not the trapezoidal PR area.
 *
 * Without positives sklearn sets recall to 1 at every threshold, so the only
 * step is the last one, weighted by a precision of 0: the result is -0.0
 * (sklearn returns -0.0 too, with a warning). With only positives it is 1.
 *
 * Cost: O(n log n) time (one sort of the scores), O(n) memory.
 *
 * @param yTrue 1 for the positive class, 0 for the negative
 * @param scores finite scores of the positive class
 * @returns the average precision in [0, 1]
 * @throws {RangeError} on empty or mismatched input, a non-finite score, or a label other than 0 or 1
 * @example
 * averagePrecision(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8)); // 0.8333333333333333
 */
export function averagePrecision(yTrue: Uint8Array, scores: Float64Array): number {
  const { fps, tps } = binaryClfCurve(yTrue, scores);
  const m = fps.length;
  const nPos = tps[m - 1];
  // sklearn reverses the curve (recall decreasing) and appends recall 0 /
  // precision 1; term k pairs point m-1-k with the next one down the list.
  const recallAt = (i: number): number => (nPos === 0 ? 1 : tps[i] / nPos);
  const precisionAt = (i: number): number => {
    const ps = tps[i] + fps[i];
    return ps === 0 ? 0 : tps[i] / ps;
  };
  const steps = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = m - 1 - k;
    const nextRecall = i === 0 ? 0 : recallAt(i - 1);
    steps[k] = (nextRecall - recallAt(i)) * precisionAt(i);
  }
  return -pairwiseSum(steps);
}
