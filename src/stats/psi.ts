/**
 * Replace zero shares as Evidently's `get_binned_data(..., feel_zeroes=True)`
 * does, in place: every 0 becomes 0.0001, or, when the smallest non-zero
 * share is <= 0.0001, that share / 1e6 (so a replaced bin never outweighs a
 * real one). Shares are not renormalised afterwards, as in Evidently.
 *
 * Cost: O(k) for k bins.
 *
 * @param shares one distribution's shares (count / rows); modified in place
 * @returns `shares`
 * @throws RangeError when every share is 0 (Evidently fails on `min` of nothing)
 * @example
 * replaceZeroShares(Float64Array.of(0.5, 0, 0.5)); // Float64Array [0.5, 0.0001, 0.5]
 * replaceZeroShares(Float64Array.of(0.99995, 0, 0.00005)); // Float64Array [0.99995, 5e-11, 0.00005]
 */
export function replaceZeroShares(shares: Float64Array): Float64Array {
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < shares.length; i++) {
    const s = shares[i];
    if (s !== 0 && s < smallest) smallest = s;
  }
  if (smallest === Number.POSITIVE_INFINITY) throw new RangeError('every share is zero: no non-zero share to scale the replacement by');
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  for (let i = 0; i < shares.length; i++) {
    if (shares[i] === 0) shares[i] = fill;
  }
  return shares;
}

/**
 * Population stability index between two binned distributions (CONTRACT.md,
 * Definitions, `psi`): shares = count / total per distribution, zero shares
 * replaced by `replaceZeroShares`, then PSI = Σ (ref − cur) · ln(ref / cur),
 * term by term as Evidently computes it. Every term is >= 0.
 *
 * Cost: O(k) for k bins.
 *
 * @param refCounts reference rows per bin
 * @param curCounts current rows per bin, aligned with `refCounts`
 * @returns the PSI, >= 0
 * @throws RangeError when the lengths differ, there are no bins, a count is negative or
 *   not finite, or a distribution has no rows
 * @example
 * psi(Float64Array.of(50, 50), Float64Array.of(25, 75)); // 0.27465307216702745
 */
export function psi(refCounts: Float64Array, curCounts: Float64Array): number {
  const k = refCounts.length;
  if (curCounts.length !== k) throw new RangeError(`PSI needs aligned bins: ${k} reference vs ${curCounts.length} current`);
  if (k === 0) throw new RangeError('PSI needs at least one bin');
  const ref = replaceZeroShares(shares(refCounts, 'reference'));
  const cur = replaceZeroShares(shares(curCounts, 'current'));
  let total = 0;
  for (let i = 0; i < k; i++) total += (ref[i] - cur[i]) * Math.log(ref[i] / cur[i]);
  return total;
}

function shares(counts: Float64Array, which: string): Float64Array {
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0 && c < Number.POSITIVE_INFINITY)) throw new RangeError(`PSI needs finite non-negative counts, got ${c}`);
    total += c;
  }
  if (!(total > 0)) throw new RangeError(`PSI is undefined: the ${which} distribution has no rows`);
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i] / total;
  return out;
}
