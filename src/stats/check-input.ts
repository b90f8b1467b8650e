/*
 * Input checks shared by the model-metric kernels, worded as scikit-learn's
 * (`check_consistent_length`, `check_array`'s minimum-samples and finiteness
 * checks), so a report's error entry reads as sklearn's exception would.
 */

/**
 * Paired-array check: same length, at least one sample.
 *
 * Cost: O(1).
 *
 * @param nTrue length of y_true
 * @param nOther length of the paired array (y_pred or scores)
 * @throws {RangeError} "Found input variables with inconsistent numbers of samples: [3, 4]"
 *   when the lengths differ; "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1
 *   is required." when both are empty
 * @example
 * checkSamples(3, 3); // undefined
 * checkSamples(3, 4); // throws RangeError
 */
export function checkSamples(nTrue: number, nOther: number): void {
  if (nTrue !== nOther) {
    throw new RangeError(`Found input variables with inconsistent numbers of samples: [${nTrue}, ${nOther}]`);
  }
  if (nTrue === 0) {
    throw new RangeError('Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.');
  }
}

/**
 * The error for a binary label that is neither 0 nor 1 (the engine encodes
 * the positive class as 1; anything else is a caller bug, not data).
 *
 * Cost: O(1).
 *
 * @param name the array's name, e.g. "yTrue"
 * @param index where the value sits
 * @param value the offending value
 * @returns the RangeError to throw
 * @throws never
 * @example
 * binaryLabelError('yTrue', 4, 2).message; // "yTrue[4] is 2; binary labels must be 0 or 1"
 */
export function binaryLabelError(name: string, index: number, value: number): RangeError {
  return new RangeError(`${name}[${index}] is ${value}; binary labels must be 0 or 1`);
}

/**
 * Finiteness check, as sklearn's `assert_all_finite` (the engine filters
 * missing values first; this keeps a NaN from ever reaching a sort or a sum).
 *
 * Cost: O(n).
 *
 * @param values the values to check
 * @throws {RangeError} "Input contains NaN." or "Input contains infinity or a value too
 *   large for dtype('float64')." at the first offending value
 * @example
 * checkFinite(Float64Array.of(1, Number.NaN)); // throws RangeError: Input contains NaN.
 */
export function checkFinite(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) {
      throw new RangeError(
        Number.isNaN(v) ? 'Input contains NaN.' : "Input contains infinity or a value too large for dtype('float64').",
      );
    }
  }
}
