import { checkFinite, checkSamples } from './check-input.js';
import { pairwiseSum } from './pairwise-sum.js';

/** Error metrics of a regression model. */
export interface RegressionMetrics {
  mae: number;
  mse: number;
  rmse: number;
  mape: number;
  r2: number;
}

/**
 * MAE, MSE, RMSE, MAPE and R², as scikit-learn 1.2.1's
 * `mean_absolute_error`, `mean_squared_error` (`squared=False` for RMSE,
 * i.e. sqrt of the MSE), `mean_absolute_percentage_error` and `r2_score`
 * (force_finite=True), every mean and sum taken in numpy's order:
 * - MAPE divides by max(|y_true|, 2^-52), so a y_true of 0 gives a huge,
 *   finite value, never Infinity (sklearn's documented behaviour).
 * - R² = 1 - SS_res / SS_tot, except: SS_res = 0 gives 1.0 (perfect
 *   prediction, even with constant y_true); SS_res ≠ 0 with constant y_true
 *   (SS_tot = 0) gives 0.0; fewer than two rows gives NaN, as sklearn
 *   returns nan there (with an UndefinedMetricWarning): the one non-finite
 *   value of this family, for the engine to report as undefined.
 *
 * Cost: O(n) time and memory.
 *
 * @param yTrue finite observed values
 * @param yPred finite predictions
 * @returns { mae, mse, rmse, mape, r2 }
 * @throws {RangeError} on empty or mismatched input, or a non-finite value
 *   ("Input contains NaN." / "Input contains infinity ..." as sklearn)
 * @example
 * regressionMetrics(Float64Array.of(3, -0.5, 2, 7), Float64Array.of(2.5, 0, 2, 8));
 * // { mae: 0.5, mse: 0.375, rmse: 0.6123724356957945, mape: 0.3273809523809524, r2: 0.9486081370449679 }
 */
export function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): RegressionMetrics {
  checkSamples(yTrue.length, yPred.length);
  checkFinite(yTrue);
  checkFinite(yPred);
  const n = yTrue.length;
  const absolute = new Float64Array(n);
  const squared = new Float64Array(n);
  const relative = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = yTrue[i] - yPred[i];
    const a = Math.abs(d);
    absolute[i] = a;
    squared[i] = d * d;
    relative[i] = a / Math.max(Math.abs(yTrue[i]), Number.EPSILON);
  }
  const ssRes = pairwiseSum(squared);
  const mse = ssRes / n;
  let r2 = Number.NaN;
  if (n >= 2) {
    const mean = pairwiseSum(yTrue) / n;
    // SS_res is summed already, so its buffer takes the squared deviations from the mean.
    for (let i = 0; i < n; i++) {
      const d = yTrue[i] - mean;
      squared[i] = d * d;
    }
    const ssTot = pairwiseSum(squared);
    r2 = ssRes === 0 ? 1 : ssTot === 0 ? 0 : 1 - ssRes / ssTot;
  }
  return { mae: pairwiseSum(absolute) / n, mse, rmse: Math.sqrt(mse), mape: pairwiseSum(relative) / n, r2 };
}
