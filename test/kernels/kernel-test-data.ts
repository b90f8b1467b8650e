/**
 * Test data for the kernel tests: seeded columns, and a naive reference
 * binning (`numpy.searchsorted(edges, x, side='right')` by linear scan).
 */
import { mulberry32, normals } from '../../src/multivariate/seeded-random.js';

/** Counts by the definition: for each valid finite x, the number of edges ≤ x. */
export function naiveBinCounts(x: Float64Array, edges: Float64Array, valid: Uint8Array | null = null): Uint32Array {
  const counts = new Uint32Array(edges.length + 1);
  x.forEach((xi, i) => {
    if (!Number.isFinite(xi) || (valid !== null && valid[i] === 0)) return;
    let b = 0;
    while (b < edges.length && edges[b] <= xi) b++;
    counts[b]++;
  });
  return counts;
}

/** Normal columns with some NaN / ±Infinity, and sorted quantile-like edges (with ties) per column. */
export function messyBatch(features: number, rows: number, k: number, seed: number): { columns: Float64Array[]; edges: Float64Array[] } {
  const rand = mulberry32(seed);
  const columns: Float64Array[] = [];
  const edges: Float64Array[] = [];
  for (let f = 0; f < features; f++) {
    const x = normals(rows, rand).map((v) => (f % 2 === 0 ? Math.exp(v) : 3 * v - f));
    for (let i = 0; i < rows; i += 97) x[i] = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY][i % 3];
    const sorted = x.filter(Number.isFinite).sort();
    const e = Float64Array.from({ length: k }, (_, j) => sorted[Math.floor(((j + 1) / (k + 1)) * sorted.length)]);
    if (k > 3) e[2] = e[1]; // a tie, as quantile edges of discrete data have
    columns.push(x);
    edges.push(e);
  }
  return { columns, edges };
}

/** Moves every value that lies within float32 rounding of an edge of its column away from it, so float32 binning must agree with float64. */
export function awayFromEdges(columns: Float64Array[], edges: Float64Array[]): Float64Array[] {
  return columns.map((x, f) => {
    const e = edges[f];
    return x.map((xi) => {
      if (!Number.isFinite(xi)) return xi;
      for (const ej of e) if (Math.abs(xi - ej) <= 1e-6 * Math.max(1, Math.abs(ej))) return ej + 1e-3 * Math.max(1, Math.abs(ej));
      return xi;
    });
  });
}
