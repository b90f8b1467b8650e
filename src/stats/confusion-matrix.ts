import { checkSamples } from './check-input.js';

/**
 * Multiclass confusion matrix, as scikit-learn 1.2.1's
 * `confusion_matrix(y_true, y_pred)` with labels in sorted order: cell
 * [t * k + p] counts rows whose true code is t and predicted code is p
 * (rows = true label, columns = predicted label).
 *
 * Cost: O(n + k²) time, O(k²) memory.
 *
 * @param yTrue true class codes in [0, k)
 * @param yPred predicted class codes in [0, k)
 * @param k number of classes (labels present in y_true ∪ y_pred)
 * @returns k·k counts, row-major
 * @throws {RangeError} on empty or mismatched input, k not a positive integer, or a code outside [0, k)
 * @example
 * confusionMatrix(Int32Array.of(0, 1, 2, 2), Int32Array.of(0, 2, 2, 1), 3);
 * // Float64Array [1, 0, 0, 0, 0, 1, 0, 1, 1]
 */
export function confusionMatrix(yTrue: Int32Array, yPred: Int32Array, k: number): Float64Array {
  checkSamples(yTrue.length, yPred.length);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const matrix = new Float64Array(k * k);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (t < 0 || t >= k) throw new RangeError(`yTrue[${i}] is ${t}; class codes must be in [0, ${k})`);
    if (p < 0 || p >= k) throw new RangeError(`yPred[${i}] is ${p}; class codes must be in [0, ${k})`);
    matrix[t * k + p]++;
  }
  return matrix;
}
