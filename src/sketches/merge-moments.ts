/** The moments of a sample as the sketches keep them: count, mean, and M2 = Σ (x − mean)². */
export interface Moments {
  count: number;
  mean: number;
  m2: number;
}

/**
 * Chan, Golub & LeVeque's pairwise update of (count, mean, M2). The operands
 * are put in a canonical order first, so merge(a, b) and merge(b, a) are
 * bit-identical (windows fold batches in any order).
 *
 * Cost: O(1).
 *
 * @example
 * mergeMoments(2, 1, 2, 1, 4, 0); // { count: 3, mean: 2, m2: 8 }  (the sample 0, 2, 4)
 */
export function mergeMoments(na: number, ma: number, qa: number, nb: number, mb: number, qb: number): Moments {
  if (nb === 0) return { count: na, mean: ma, m2: qa };
  if (na === 0) return { count: nb, mean: mb, m2: qb };
  if (na > nb || (na === nb && (ma > mb || (ma === mb && qa > qb)))) return mergeMoments(nb, mb, qb, na, ma, qa);
  const count = na + nb;
  const delta = mb - ma;
  return { count, mean: ma + (delta * nb) / count, m2: qa + qb + (delta * delta * na * nb) / count };
}

/**
 * Merges a batch given as sums around a shift (n values x, s1 = Σ (x − shift),
 * s2 = Σ (x − shift)², shift being one of the values so nothing cancels) into
 * the moments (count, mean, m2): the batch's mean is shift + s1/n and its M2
 * s2 − s1²/n (floored at 0 against rounding), then `mergeMoments`.
 *
 * Cost: O(1).
 *
 * @example
 * mergeShiftedSums(0, 0, 0, 3, 0, 6, 20); // { count: 3, mean: 2, m2: 8 }  (the sample 0, 2, 4)
 */
export function mergeShiftedSums(count: number, mean: number, m2: number, n: number, shift: number, s1: number, s2: number): Moments {
  return mergeMoments(count, mean, m2, n, shift + s1 / n, Math.max(0, s2 - (s1 * s1) / n));
}
