import { binaryLabelError, checkSamples } from './check-input.js';

/** The four cells of a binary confusion matrix (sklearn's [[tn, fp], [fn, tp]]). */
export interface BinaryConfusion {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

/**
 * Binary confusion counts, as scikit-learn 1.2.1's
 * `confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel()`: both classes
 * always present, so a class missing from the data gives zero cells rather
 * than a smaller matrix.
 *
 * Cost: O(n) time, O(1) memory.
 *
 * @param yTrue true labels, 1 for the positive class, 0 for the negative
 * @param yPred predicted labels, same encoding
 * @returns { tn, fp, fn, tp }
 * @throws {RangeError} on empty or mismatched input, or a label other than 0 or 1
 * @example
 * binaryConfusion(Uint8Array.of(0, 1, 0, 1, 1), Uint8Array.of(0, 1, 1, 0, 1)); // { tn: 1, fp: 1, fn: 1, tp: 2 }
 */
export function binaryConfusion(yTrue: Uint8Array, yPred: Uint8Array): BinaryConfusion {
  checkSamples(yTrue.length, yPred.length);
  // cells[2 * true + pred]: 0 tn, 1 fp, 2 fn, 3 tp
  const cells = [0, 0, 0, 0];
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i];
    const p = yPred[i];
    if (t > 1) throw binaryLabelError('yTrue', i, t);
    if (p > 1) throw binaryLabelError('yPred', i, p);
    cells[2 * t + p]++;
  }
  return { tn: cells[0], fp: cells[1], fn: cells[2], tp: cells[3] };
}
