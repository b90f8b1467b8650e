/**
 * ROC AUC and average precision from score histograms: positives and
 * negatives counted per score bin (bins ascending). Within a bin the order
 * of the rows is unknown, so a bin is treated as one tied score, exactly as
 * scikit-learn treats tied scores; each result comes with a bound on how far
 * the ungrouped scores could move it.
 */

export interface RankingEstimate {
  value: number;
  /** |exact − value| <= bound, whatever the order of the scores inside each bin. */
  bound: number;
}

function totals(pos: Float64Array, neg: Float64Array): [number, number] {
  if (pos.length !== neg.length) throw new RangeError(`histograms differ in length: ${pos.length} vs ${neg.length}`);
  let p = 0;
  let n = 0;
  for (let b = 0; b < pos.length; b++) {
    p += pos[b];
    n += neg[b];
  }
  return [p, n];
}

/**
 * ROC AUC from per-bin counts: the Mann-Whitney form of sklearn's trapezoid
 * area (ties count one half), Σ_b pos_b · (negatives below b + neg_b / 2) /
 * (P · N). Pairs inside one bin count one half; their true share is between
 * 0 and 1, so bound = Σ_b pos_b · neg_b / (2 · P · N).
 *
 * Cost: O(bins).
 *
 * @param pos positives per bin, ascending score
 * @param neg negatives per bin
 * @returns the AUC and its bound
 * @throws RangeError "Only one class present in y_true. ROC AUC score is not defined in that
 *   case." (sklearn's message) when P or N is 0
 * @example
 * rocAucHistogram(Float64Array.of(0, 1, 1), Float64Array.of(1, 1, 0)); // { value: 0.875, bound: 0.125 }
 */
export function rocAucHistogram(pos: Float64Array, neg: Float64Array): RankingEstimate {
  const [p, n] = totals(pos, neg);
  if (p === 0 || n === 0) throw new RangeError('Only one class present in y_true. ROC AUC score is not defined in that case.');
  let below = 0;
  let sum = 0;
  let tied = 0;
  for (let b = 0; b < pos.length; b++) {
    const pb = pos[b];
    const nb = neg[b];
    if (pb > 0) {
      sum += pb * (below + nb / 2);
      tied += pb * nb;
    }
    below += nb;
  }
  const pairs = p * n;
  return { value: sum / pairs, bound: tied / (2 * pairs) };
}

/**
 * Average precision (sklearn's `average_precision_score`, the report's
 * `pr_auc`) from per-bin counts, each bin one threshold: Σ over bins from
 * the top of (ΔTP / P) · TP / (TP + FP). Any order of the rows inside bin b
 * gives each of its positives a precision between (TP' + 1) / (TP' + FP' +
 * 1 + n_b) and (TP' + p_b) / (TP' + FP' + p_b), TP' and FP' counted above
 * the bin; bound = Σ_b (p_b / P) · (that range). Without positives the
 * result is -0, as sklearn's.
 *
 * Cost: O(bins).
 *
 * @param pos positives per bin, ascending score
 * @param neg negatives per bin
 * @returns the average precision and its bound
 * @throws RangeError when the histograms differ in length
 * @example
 * averagePrecisionHistogram(Float64Array.of(0, 1, 1), Float64Array.of(1, 1, 0)).value; // 0.8333333333333333
 */
export function averagePrecisionHistogram(pos: Float64Array, neg: Float64Array): RankingEstimate {
  const [p] = totals(pos, neg);
  if (p === 0) return { value: -0, bound: 0 };
  let tp = 0;
  let fp = 0;
  let value = 0;
  let bound = 0;
  for (let b = pos.length - 1; b >= 0; b--) {
    const pb = pos[b];
    const nb = neg[b];
    if (pb === 0) {
      fp += nb;
      continue;
    }
    const hi = (tp + pb) / (tp + fp + pb);
    const lo = (tp + 1) / (tp + fp + 1 + nb);
    tp += pb;
    fp += nb;
    value += (pb / p) * (tp / (tp + fp));
    bound += (pb / p) * (hi - lo);
  }
  return { value, bound };
}
