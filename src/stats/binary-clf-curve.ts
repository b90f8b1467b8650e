import { binaryLabelError, checkFinite, checkSamples } from './check-input.js';
import { sortFloat64 } from './sort-float64.js';

/** Counts at each distinct score, highest score first (sklearn's `_binary_clf_curve`). */
export interface BinaryClfCurve {
  /** fps[i]: negatives scoring >= thresholds[i]; fps[last] = number of negatives. */
  fps: Float64Array;
  /** tps[i]: positives scoring >= thresholds[i]; tps[last] = number of positives. */
  tps: Float64Array;
  /** The distinct scores, decreasing. */
  thresholds: Float64Array;
}

/** Ascending copy of the scores whose label equals `label`. */
function sortedScores(yTrue: Uint8Array, scores: Float64Array, label: number, count: number, scratch: Uint32Array): Float64Array {
  const out = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === label) out[at++] = scores[i];
  return sortFloat64(out, scratch);
}

/**
 * Binary classification curve: true- and false-positive counts at every
 * distinct score threshold, as scikit-learn 1.2.1's `_binary_clf_curve`
 * (no sample weights). Tied scores form one threshold, so rows tied with
 * each other are never split across points, whatever their order.
 *
 * Instead of sklearn's argsort of (score, label) pairs, the scores of the
 * positives and of the negatives are sorted separately (sortFloat64, a radix
 * sort for large inputs) and merged from the top: same counts, no index
 * array. Counts are integers held exactly in float64, so the result equals
 * sklearn's.
 *
 * Cost: O(n log n) time at most (O(n) with the radix sort), O(n) memory.
 *
 * @param yTrue 1 for the positive class, 0 for the negative
 * @param scores finite scores, higher meaning more likely positive
 * @returns fps, tps and thresholds, one entry per distinct score
 * @throws {RangeError} when the lengths differ, the input is empty, or a label is not 0 or 1
 * @example
 * binaryClfCurve(Uint8Array.of(0, 0, 1, 1), Float64Array.of(0.1, 0.4, 0.35, 0.8));
 * // { fps: [0, 1, 1, 2], tps: [1, 1, 2, 2], thresholds: [0.8, 0.4, 0.35, 0.1] }
 */
export function binaryClfCurve(yTrue: Uint8Array, scores: Float64Array): BinaryClfCurve {
  checkSamples(yTrue.length, scores.length);
  checkFinite(scores);
  let nPos = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y > 1) throw binaryLabelError('yTrue', i, y);
    nPos += y;
  }
  const nNeg = yTrue.length - nPos;
  const scratch = new Uint32Array(2 * Math.max(nPos, nNeg));
  const pos = sortedScores(yTrue, scores, 1, nPos, scratch);
  const neg = sortedScores(yTrue, scores, 0, nNeg, scratch);

  const fps = new Float64Array(yTrue.length);
  const tps = new Float64Array(yTrue.length);
  const thresholds = new Float64Array(yTrue.length);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let m = 0;
  while (i >= 0 || j >= 0) {
    // -0 === 0, so signed zeros share a threshold, as np.diff sees no step between them.
    const v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    fps[m] = fp;
    tps[m] = tp;
    thresholds[m] = v;
    m++;
  }
  return { fps: fps.subarray(0, m), tps: tps.subarray(0, m), thresholds: thresholds.subarray(0, m) };
}
