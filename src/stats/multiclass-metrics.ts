import { pairwiseSum } from './pairwise-sum.js';

/** Averaged metrics of a multiclass classifier. */
export interface MulticlassMetrics {
  accuracy: number;
  precision_macro: number;
  recall_macro: number;
  f1_macro: number;
  f1_weighted: number;
}

/**
 * Accuracy and macro / weighted averages of per-class precision, recall and
 * F1 from a confusion matrix, as scikit-learn 1.2.1's `accuracy_score` and
 * `precision_recall_fscore_support(average="macro" | "weighted")` with
 * zero_division="warn": a class never predicted has precision 0, a class
 * never true has recall 0 (and weight 0), F1 = 2·P·R / (P + R) or 0, and
 * the averages are summed over classes in numpy's order. Every class in the
 * matrix counts in the macro averages, including one only ever predicted.
 *
 * Cost: O(k²) time, O(k) memory.
 *
 * @param matrix k·k counts, row-major, rows = true class (see confusionMatrix)
 * @param k number of classes
 * @returns { accuracy, precision_macro, recall_macro, f1_macro, f1_weighted }, each in [0, 1]
 * @throws {RangeError} when matrix.length is not k·k, or "Found array with 0 sample(s)
 *   (shape=(0,)) while a minimum of 1 is required." when the matrix is all zeros (sklearn
 *   would return nan there)
 * @example
 * multiclassMetrics(Float64Array.of(1, 0, 0, 0, 0, 1, 0, 1, 1), 3);
 * // { accuracy: 0.5, precision_macro: 0.5, recall_macro: 0.5, f1_macro: 0.5, f1_weighted: 0.5 }
 */
export function multiclassMetrics(matrix: Float64Array, k: number): MulticlassMetrics {
  if (!Number.isInteger(k) || k < 1 || matrix.length !== k * k) {
    throw new RangeError(`matrix must hold k * k counts; got ${matrix.length} for k = ${k}`);
  }
  const precision = new Float64Array(k);
  const recall = new Float64Array(k);
  const f1 = new Float64Array(k);
  const support = new Float64Array(k);
  const weightedF1 = new Float64Array(k);
  let n = 0;
  let correct = 0;
  for (let c = 0; c < k; c++) {
    let trueSum = 0;
    let predSum = 0;
    for (let j = 0; j < k; j++) {
      trueSum += matrix[c * k + j];
      predSum += matrix[j * k + c];
    }
    const tp = matrix[c * k + c];
    n += trueSum;
    correct += tp;
    const p = predSum === 0 ? 0 : tp / predSum;
    const r = trueSum === 0 ? 0 : tp / trueSum;
    const denom = p + r;
    precision[c] = p;
    recall[c] = r;
    f1[c] = (2 * p * r) / (denom === 0 ? 1 : denom);
    support[c] = trueSum;
    weightedF1[c] = f1[c] * trueSum;
  }
  if (n === 0) {
    throw new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.');
  }
  return {
    accuracy: correct / n,
    precision_macro: pairwiseSum(precision) / k,
    recall_macro: pairwiseSum(recall) / k,
    f1_macro: pairwiseSum(f1) / k,
    f1_weighted: pairwiseSum(weightedF1) / pairwiseSum(support),
  };
}
