/**
 * L-infinity distance between two categorical distributions (CONTRACT.md,
 * Definitions, `linf`): max over categories of |ref_share − cur_share|, with
 * share = count / total of its own distribution.
 *
 * Cost: O(k) for k categories.
 *
 * @param refCounts reference rows per category
 * @param curCounts current rows per category, aligned with `refCounts`
 * @returns the distance, 0..1
 * @throws RangeError when the lengths differ, there are no categories, a count
 *   is negative or not finite, or a distribution has no rows
 * @example
 * linf(Float64Array.of(50, 50, 0), Float64Array.of(25, 70, 5)); // 0.25
 */
export function linf(refCounts: Float64Array, curCounts: Float64Array): number {
  const k = refCounts.length;
  if (curCounts.length !== k) throw new RangeError(`L-infinity needs aligned categories: ${k} reference vs ${curCounts.length} current`);
  if (k === 0) throw new RangeError('L-infinity needs at least one category');
  const refTotal = total(refCounts, 'reference');
  const curTotal = total(curCounts, 'current');
  let max = 0;
  for (let i = 0; i < k; i++) {
    const d = Math.abs(refCounts[i] / refTotal - curCounts[i] / curTotal);
    if (d > max) max = d;
  }
  return max;
}

function total(counts: Float64Array, which: string): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0 && c < Number.POSITIVE_INFINITY)) throw new RangeError(`L-infinity needs finite non-negative counts, got ${c}`);
    sum += c;
  }
  if (sum === 0) throw new RangeError(`L-infinity is undefined: the ${which} distribution has no rows`);
  return sum;
}
