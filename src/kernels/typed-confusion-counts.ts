import { checkSameLength, checkSize } from './check-kernel-input.js';

/**
 * Confusion counts for class indices in [0, classes), row-major:
 * `counts[t * classes + p]` rows with true class t predicted as p. Rows with
 * either index out of range are skipped. Cost: O(rows + classes²).
 *
 * @throws {RangeError} on arrays of different lengths or a bad class count
 * @example
 * typedConfusionCounts(Int32Array.of(0, 0, 1, 1), Int32Array.of(0, 1, 1, 1), 2);
 * // Uint32Array [1, 1, 0, 2]  ([[tn, fp], [fn, tp]])
 */
export function typedConfusionCounts(yTrue: Int32Array, yPred: Int32Array, classes: number): Uint32Array {
  checkSameLength(yTrue, yPred, 'confusionCounts');
  checkSize(classes, 'confusionCounts: classes');
  const counts = new Uint32Array(classes * classes);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (t >= 0 && t < classes && p >= 0 && p < classes) counts[t * classes + p]++;
  }
  return counts;
}
