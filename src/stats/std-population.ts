import { pairwiseSum } from './pairwise-sum.js';

/** numpy's reduction buffer length (`np.sum` adds 8192-value blocks in order). */
const NUMPY_BUFFER = 8192;

/**
 * Population standard deviation, bit for bit as numpy 1.24's
 * `np.std(x)` (ddof = 0, `numpy/core/_methods.py` `_var`): the mean is
 * numpy's pairwise sum / n, then the squared deviations (x − mean)·(x − mean)
 * are summed the same way, divided by n, and square-rooted. Matching numpy's
 * summation order matters when the mean is large next to the spread.
 *
 * Cost: O(n) time, O(1) space (one 8192-value buffer).
 *
 * @param values finite values, not empty
 * @returns the standard deviation, >= 0
 * @throws RangeError when `values` is empty (numpy returns NaN with a warning)
 * @example
 * stdPopulation(Float64Array.of(1, 2, 3, 4)); // 1.118033988749895
 */
export function stdPopulation(values: Float64Array): number {
  const n = values.length;
  if (n === 0) throw new RangeError('standard deviation of an empty sample');
  const mean = pairwiseSum(values) / n;
  // numpy adds 8192-value buffers in order, each pairwise: squaring one buffer
  // at a time gives the same sum without an n-sized temporary
  const squares = new Float64Array(Math.min(n, NUMPY_BUFFER));
  let total = 0;
  for (let start = 0; start < n; start += NUMPY_BUFFER) {
    const len = Math.min(NUMPY_BUFFER, n - start);
    for (let i = 0; i < len; i++) {
      const d = values[start + i] - mean;
      squares[i] = d * d;
    }
    total += pairwiseSum(squares, 0, len);
  }
  return Math.sqrt(total / n);
}
