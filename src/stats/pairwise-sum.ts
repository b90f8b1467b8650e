/** numpy's reduction buffer: `np.sum` sums blocks of this many values pairwise, then adds the blocks in order. */
const BLOCK = 8192;
/** Below this, numpy's pairwise sum runs eight interleaved accumulators instead of recursing. */
const PW_BLOCKSIZE = 128;

/**
 * Pairwise sum of `values[start:end)`, as numpy's `DOUBLE_pairwise_sum`.
 * Fewer than 8 values are added left to right; up to 128 use eight
 * accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) then the
 * leftovers; more are split at the half rounded down to a multiple of 8.
 */
function pairwise(values: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i];
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = values[start];
    let r1 = values[start + 1];
    let r2 = values[start + 2];
    let r3 = values[start + 3];
    let r4 = values[start + 4];
    let r5 = values[start + 5];
    let r6 = values[start + 6];
    let r7 = values[start + 7];
    const stop = n - (n % 8);
    let i = 8;
    for (; i < stop; i += 8) {
      const p = start + i;
      r0 += values[p];
      r1 += values[p + 1];
      r2 += values[p + 2];
      r3 += values[p + 3];
      r4 += values[p + 4];
      r5 += values[p + 5];
      r6 += values[p + 6];
      r7 += values[p + 7];
    }
    let res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
    for (; i < n; i++) res += values[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(values, start, n2) + pairwise(values, start + n2, n - n2);
}

/**
 * Float64 sum, bit for bit as numpy 1.24's `np.sum` / `np.add.reduce` on a
 * contiguous float64 array: the reduction runs over 8192-value buffers, each
 * summed pairwise, and the buffer sums are added in order to a running 0.
 * Matching the order (not only the value) is what keeps sklearn ports at
 * ulp-level agreement; the error bound is O(log n) ulps rather than O(n).
 *
 * Cost: O(n) time, O(log n) stack.
 *
 * @param values the values to add
 * @param start first index (default 0)
 * @param end one past the last index (default `values.length`)
 * @returns the sum; 0 for an empty range
 * @throws never
 * @example
 * pairwiseSum(Float64Array.of(0.1, 0.2, 0.3)); // 0.6000000000000001
 */
export function pairwiseSum(values: Float64Array, start = 0, end = values.length): number {
  let total = 0;
  for (let at = start; at < end; at += BLOCK) {
    total += pairwise(values, at, Math.min(BLOCK, end - at));
  }
  return total;
}
