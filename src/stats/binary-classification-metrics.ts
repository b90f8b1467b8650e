import type { BinaryConfusion } from './binary-confusion.js';

/** Threshold metrics of a binary classifier. */
export interface BinaryClassificationMetrics {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Accuracy, precision, recall and F1 of the positive class from confusion
 * counts, as scikit-learn 1.2.1's `accuracy_score`, `precision_score`,
 * `recall_score` and `f1_score` (pos_label=1, zero_division="warn"):
 * a ratio with a zero denominator is 0.0 (no predicted positives: precision
 * 0; no true positives in y_true: recall 0), and F1 is computed from them as
 * 2·P·R / (P + R), 0 when P + R = 0 (sklearn's order of operations, not
 * 2tp / (2tp + fp + fn), which can differ in the last ulp).
 *
 * Cost: O(1).
 *
 * @param c confusion counts, non-negative integers
 * @returns { accuracy, precision, recall, f1 }, each in [0, 1]
 * @throws {RangeError} "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is
 *   required." when all counts are 0 (sklearn's accuracy_score would return nan there)
 * @example
 * binaryClassificationMetrics({ tn: 1, fp: 1, fn: 1, tp: 2 });
 * // { accuracy: 0.6, precision: 0.6666666666666666, recall: 0.6666666666666666, f1: 0.6666666666666666 }
 */
export function binaryClassificationMetrics(c: BinaryConfusion): BinaryClassificationMetrics {
  const { tn, fp, fn, tp } = c;
  const n = tn + fp + fn + tp;
  if (n === 0) {
    throw new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.');
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const denom = precision + recall;
  const f1 = (2 * precision * recall) / (denom === 0 ? 1 : denom);
  return { accuracy: (tp + tn) / n, precision, recall, f1 };
}
