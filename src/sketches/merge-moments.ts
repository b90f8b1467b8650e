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
